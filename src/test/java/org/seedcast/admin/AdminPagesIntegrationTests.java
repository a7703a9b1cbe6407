package org.seedcast.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Peers;
import org.seedcast.support.Studio;
import org.seedcast.tracker.engine.Housekeeper;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The admin pages over real HTTP, against the real tracker and database: bans, swarms, unknown torrents, the audit
 * log, and who may open them. What a page lists and the message each form flashes are the {@link AdminPageSlice}
 * tests'.
 */
@IntegrationTest
class AdminPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Value("${seedcast.tracker.port}")
    int trackerPort;

    @Autowired
    Housekeeper housekeeper;

    @Autowired
    org.springframework.jdbc.core.JdbcTemplate jdbc;

    Http admin;

    @BeforeEach
    void client() {
        admin = Http.at(port).as("admin", "admin-secret-1");
    }

    @Test
    void swarmsListEveryPublishedTorrentSortableAndFiltered() {
        String slug = "swarm-page-" + UUID.randomUUID().toString().substring(0, 8);
        admin.postJson("/api/shows", "{\"slug\":\"" + slug + "\",\"title\":\"Swarm Page Show\"}");
        int id = JsonPath.read(admin.postMultipart("/api/shows/" + slug + "/episodes", "Swarmed episode", "s.mp4",
                Media.mp4(200_000, 77)).body(), "$.id");
        String infoHash = JsonPath.read(admin.postJson("/api/episodes/" + id + "/publish", "").body(), "$.infoHash");

        String page = admin.get("/admin/swarms?q=" + slug + "&sort=seeders&dir=asc").body();
        assertThat(page).contains("Swarm Page Show").contains("Swarmed episode").contains(infoHash)
                .contains("no activity").contains("seeders ▲");
        assertThat(admin.get("/admin/swarms?q=no-such-show-anywhere").body()).contains("match this filter");
        assertThat(admin.get("/admin/swarms?sort=nonsense&page=999").statusCode()).isEqualTo(200);
    }

    @Test
    void aSwarmHasADetailPageAndJsonWithItsHistoryMinuteByMinute() {
        String slug = "swarm-detail-" + UUID.randomUUID().toString().substring(0, 8);
        String infoHash = JsonPath.read(new Studio(port).publishInNewShow(slug, Media.mp4(150_000, 31)), "$.infoHash");
        Instant beforeAnnounces = Instant.now();
        new Peers(trackerPort).twoMinutesOfASeederAndALeecher(infoHash, 7001, housekeeper::sweep);

        String json = admin.get("/api/admin/swarms/" + infoHash).body();
        assertThat(JsonPath.<String>read(json, "$.showTitle")).isEqualTo("Show " + slug);
        assertThat(JsonPath.<String>read(json, "$.episodeTitle")).isEqualTo("Episode of " + slug);
        assertThat(JsonPath.<Integer>read(json, "$.seeders")).isEqualTo(2);
        assertThat(JsonPath.<Integer>read(json, "$.leechers")).isZero();
        assertThat(JsonPath.<Integer>read(json, "$.completed")).isEqualTo(1);
        assertThat(JsonPath.<String>read(json, "$.health")).isEqualTo("ok");
        assertThat(Instant.parse(JsonPath.read(json, "$.lastAnnounce")))
                .as("between the announces and now, in the whole seconds the tracker keeps, however slow the machine")
                .isBetween(beforeAnnounces.minusSeconds(2), Instant.now().plusSeconds(2));
        List<Map<String, Object>> minutes = JsonPath.read(json, "$.minutes");
        // the tracker's own timer may close a minute in between: the sums and the shape hold either way
        assertThat(minutes).hasSizeBetween(2, 4);
        assertThat(minutes).anySatisfy(m -> assertThat(m).containsEntry("seeders", 1).containsEntry("leechers", 1));
        assertThat(minutes.getLast()).containsEntry("seeders", 2).containsEntry("leechers", 0);
        assertThat(minutes.stream().mapToInt(m -> (Integer) m.get("announces")).sum()).isEqualTo(3);
        assertThat(minutes.stream().mapToInt(m -> (Integer) m.get("completed")).sum()).isEqualTo(1);
        assertThat(minutes).allSatisfy(m -> assertThat((String) m.get("minute")).endsWith(":00Z"));

        String page = admin.get("/admin/swarms/" + infoHash).body();
        assertThat(page).contains("Episode of " + slug).contains("Show " + slug).contains(infoHash)
                .contains("none: a v1 torrent").contains("healthy").contains("s ago")
                .contains("data-source=\"/api/admin/swarms/" + infoHash + "\"")
                .containsPattern("/js/charts-[0-9a-f]{32}\\.js").containsPattern("/js/admin-swarm-[0-9a-f]{32}\\.js")
                .containsPattern("data-stat=\"seeders\">2<").containsPattern("data-stat=\"completed\">1<");
        // uPlot, from its WebJar on the app's classpath: the page's links resolve, for anyone (static, like /js/**)
        java.util.regex.Matcher webjars = java.util.regex.Pattern.compile("(?:src|href)=\"(/webjars/uplot/[^\"]+)\"").matcher(page);
        List<String> assets = webjars.results().map(m -> m.group(1)).toList();
        assertThat(assets).anyMatch(a -> a.endsWith("/uPlot.iife.min.js")).anyMatch(a -> a.endsWith("/uPlot.min.css"));
        assertThat(assets).allSatisfy(asset -> {
            HttpResponse<String> response = Http.at(port).get(asset);
            assertThat(response.statusCode()).as(asset).isEqualTo(200);
            assertThat(response.body()).as(asset).contains("uplot");
        });

        String list = admin.get("/admin/swarms?q=" + slug + "&sort=last_announce&dir=desc").body();
        assertThat(list).contains("href=\"/admin/swarms/" + infoHash + "\"").contains("last announce ▼")
                .containsPattern("<time datetime=\"[^\"]+\" title=\"[^\"]+ UTC\">\\d+ s ago</time>")
                .containsPattern("<polyline points=\"[0-9., ]+\"");

        assertThat(admin.get("/admin/swarms/" + "ab".repeat(20)).statusCode()).isEqualTo(404);
        assertThat(admin.get("/api/admin/swarms/" + "ab".repeat(20)).statusCode()).isEqualTo(404);
        assertThat(admin.get("/api/admin/swarms/not-a-hash").statusCode()).isEqualTo(404);
    }

    @Test
    void aHybridTorrentIsFoundByEitherHashAndItsTwoSwarmsAreAddedUp() {
        String slug = "swarm-hybrid-" + UUID.randomUUID().toString().substring(0, 8);
        Studio studio = new Studio(port);
        studio.show(slug, "hybrid");
        String episode = studio.publish(slug, "Hybrid episode", Media.mp4(150_000, 32));
        String v1 = JsonPath.read(episode, "$.infoHash");
        String v2 = JsonPath.<String>read(episode, "$.infoHashV2").substring(0, 40);
        Peers peers = new Peers(trackerPort);
        peers.announce(v1, 7101, 0, "started");
        peers.announce(v2, 7102, 500, "started");
        housekeeper.sweep();

        String json = admin.get("/api/admin/swarms/" + v2).body();
        assertThat(JsonPath.<String>read(json, "$.infoHash")).isEqualTo(v1);
        assertThat(JsonPath.<String>read(json, "$.v2InfoHash")).isEqualTo(v2);
        assertThat(JsonPath.<Integer>read(json, "$.seeders")).isEqualTo(1);
        assertThat(JsonPath.<Integer>read(json, "$.leechers")).isEqualTo(1);
        List<Map<String, Object>> minutes = JsonPath.read(json, "$.minutes");
        assertThat(minutes.getLast()).containsEntry("seeders", 1).containsEntry("leechers", 1);
        assertThat(minutes.stream().mapToInt(m -> (Integer) m.get("announces")).sum()).isEqualTo(2);
        assertThat(admin.get("/admin/swarms/" + v2).body()).contains(v1).contains(v2);
    }

    @Test
    void aForeignHashIsListedBlockedFromThePageAndAudited() {
        String hash = "abad1dea" + UUID.randomUUID().toString().replace("-", "");
        announce(hash, "-TR3000-abcdefghijkl");
        String page = admin.get("/admin/unknown-torrents?q=" + hash.substring(0, 20)).body();
        assertThat(page).contains(hash).contains("Transmission 3.0.0").contains("127.0.0.1").contains("new");

        HttpResponse<String> blocked = postForm(admin, "/admin/unknown-torrents/" + hash + "/block", Map.of());
        assertThat(blocked.statusCode()).isEqualTo(302);
        assertThat(announce(hash, "-TR3000-abcdefghijkl").body()).contains("8:retry in5:never");

        assertThat(admin.get("/admin/audit?q=" + hash).body()).contains("/admin/unknown-torrents/" + hash + "/block")
                .contains("admin").contains("127.0.0.1");
    }

    @Test
    void checkedHashesAreBlockedTogetherAndSetAsideHashesLeaveTheDefaultList() {
        String first = "b1b1b1b1" + UUID.randomUUID().toString().replace("-", "");
        String second = "b2b2b2b2" + UUID.randomUUID().toString().replace("-", "");
        announce(first, "-qB4650-abcdefghijkl");
        announce(second, "-qB4650-abcdefghijkl");

        HttpResponse<String> bulk = admin.send(admin.request("/admin/unknown-torrents/bulk")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=block&hashes=" + first + "&hashes=" + second)).build());
        assertThat(bulk.statusCode()).isEqualTo(302);
        assertThat(announce(first, "-qB4650-abcdefghijkl").body()).contains("8:retry in5:never");
        assertThat(announce(second, "-qB4650-abcdefghijkl").body()).contains("8:retry in5:never");

        HttpResponse<String> ignored = postForm(admin, "/admin/unknown-torrents/" + first + "/ignore", Map.of());
        assertThat(ignored.statusCode()).isEqualTo(302);
        assertThat(admin.get("/admin/unknown-torrents").body()).doesNotContain(first).contains(second);
        assertThat(admin.get("/admin/unknown-torrents?show=ignored").body()).contains(first).doesNotContain(second);
        assertThat(announce(first, "-qB4650-abcdefghijkl").body()).as("ignoring changes nothing in the tracker")
                .contains("8:retry in5:never");

        postForm(admin, "/admin/unknown-torrents/" + first + "/unignore", Map.of());
        assertThat(admin.get("/admin/unknown-torrents").body()).contains(first);
    }

    @Test
    void everySignInIsAnAuditRowOfItsOwn() {
        String admins = "select count(*) from audit_log where actor = 'admin' and detail = 'signed in'";
        long before = jdbc.queryForObject(admins, Long.class);
        assertThat(signInWithTheForm("admin", "admin-secret-1").headers().firstValue("Location")).hasValueSatisfying(
                location -> assertThat(location).doesNotContain("error"));
        assertThat(signInWithTheForm("admin", "admin-secret-1").statusCode()).isEqualTo(302);
        assertThat(jdbc.queryForObject(admins, Long.class)).isEqualTo(before + 2);
    }

    /** Signs in at /login as a browser does: the form's CSRF token with its session. */
    private HttpResponse<String> signInWithTheForm(String username, String password) {
        Http anonymous = Http.at(port);
        HttpResponse<String> form = anonymous.get("/login");
        java.util.regex.Matcher csrf = java.util.regex.Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"").matcher(form.body());
        assertThat(csrf.find()).as("the login form's CSRF token").isTrue();
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        String body = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf=" + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = anonymous.send(anonymous.request("/login").header("Cookie", cookie)
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(body)).build());
        assertThat(signedIn.statusCode()).isEqualTo(302);
        return signedIn;
    }

    /** The page's forms and messages are {@link BansControllerTests}'; here a ban reaches the real tracker and back. */
    @Test
    void aBanFromTheApiLastsAFixedTimeAndTheBansPageListsIt() {
        HttpResponse<String> created = admin.postJson("/api/admin/bans", "{\"cidr\":\"192.0.2.0/28\",\"reason\":\"short\",\"hours\":24}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JsonPath.<String>read(created.body(), "$.until")).isNotNull();

        assertThat(admin.get("/admin/bans").body()).contains("192.0.2.0/28").contains("short");

        admin.send(admin.request("/api/admin/bans?cidr=192.0.2.0/28").DELETE().build());
        assertThat(admin.get("/admin/bans").body()).doesNotContain("192.0.2.0/28");
    }

    @Test
    void showCreationIsAudited() {
        String slug = "audited-" + UUID.randomUUID().toString().substring(0, 8);
        admin.postJson("/api/shows", "{\"slug\":\"" + slug + "\",\"title\":\"Audited\"}");
        String page = admin.get("/admin/audit?q=/api/shows").body();
        assertThat(page).contains("/api/shows").contains("201");
        assertThat(admin.get("/admin/audit?q=" + UUID.randomUUID()).body()).contains("Nothing recorded");
    }

    @Test
    void theOverviewIsLiveJsonAndOnlyAdminsMayOpenTheAdminPages() {
        assertThat(admin.get("/admin").body()).contains("Tracker overview").containsPattern("/js/admin-overview-[0-9a-f]{32}\\.js");
        String json = admin.get("/admin/overview.json").body();
        assertThat(JsonPath.<Integer>read(json, "$.stepSeconds")).isEqualTo(10);
        assertThat(JsonPath.<Object>read(json, "$.minutes")).isNotNull();

        String producer = "prod-" + UUID.randomUUID().toString().substring(0, 8);
        admin.postJson("/api/users", "{\"username\":\"" + producer + "\",\"password\":\"producer-pass-1\",\"role\":\"producer\"}");
        Http asProducer = Http.at(port).as(producer, "producer-pass-1");
        for (String path : new String[] {"/admin", "/admin/swarms", "/admin/unknown-torrents", "/admin/bans", "/admin/audit"}) {
            assertThat(asProducer.get(path).statusCode()).as(path).isEqualTo(403);
        }
        assertThat(Http.at(port).get("/admin/swarms").statusCode()).isEqualTo(302);
    }

    private HttpResponse<String> announce(String infoHashHex, String peerId) {
        StringBuilder hash = new StringBuilder();
        for (int i = 0; i < infoHashHex.length(); i += 2) {
            hash.append('%').append(infoHashHex, i, i + 2);
        }
        String query = "info_hash=" + hash + "&peer_id=" + URLEncoder.encode(peerId, StandardCharsets.UTF_8)
                + "&port=6881&uploaded=0&downloaded=0&left=100&compact=1";
        Http tracker = Http.at(trackerPort);
        return tracker.send(tracker.request("/announce?" + query).build());
    }

    private static HttpResponse<String> postForm(Http http, String path, Map<String, String> fields) {
        String body = fields.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return http.send(http.request(path).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }
}
