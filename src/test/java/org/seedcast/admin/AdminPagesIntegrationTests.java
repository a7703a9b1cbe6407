package org.seedcast.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/** The admin pages over real HTTP: bans, swarms, unknown torrents, the audit log, and who may open them. */
@IntegrationTest
class AdminPagesIntegrationTests {

    @LocalServerPort
    int port;

    @Value("${seedcast.tracker.port}")
    int trackerPort;

    Http admin;

    @BeforeEach
    void client() {
        admin = Http.at(port).as("admin", "admin-secret-1");
    }

    @Test
    void bansAreAddedListedAndRemovedFromThePage() {
        HttpResponse<String> added = postForm(admin, "/admin/bans", Map.of("cidr", "198.51.100.9/24", "reason", "page flood"));
        assertThat(added.statusCode()).isEqualTo(302);
        assertThat(follow(added).body()).contains("Banned 198.51.100.0/24.");
        assertThat(admin.get("/admin/bans").body()).contains("198.51.100.0/24").contains("page flood");

        HttpResponse<String> bad = postForm(admin, "/admin/bans", Map.of("cidr", "not-a-network", "reason", ""));
        assertThat(follow(bad).body()).contains("Nothing banned: not an IP address or CIDR: not-a-network");

        HttpResponse<String> removed = postForm(admin, "/admin/bans/remove", Map.of("cidr", "198.51.100.0/24"));
        assertThat(follow(removed).body()).contains("Lifted the ban on 198.51.100.0/24.");
        assertThat(admin.get("/admin/bans").body()).doesNotContain("page flood");
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
    void aForeignHashIsListedBlockedFromThePageAndAudited() {
        String hash = "abad1dea" + UUID.randomUUID().toString().replace("-", "");
        announce(hash, "-TR3000-abcdefghijkl");
        String page = admin.get("/admin/unknown-torrents?q=" + hash.substring(0, 20)).body();
        assertThat(page).contains(hash).contains("Transmission 3.0.0").contains("127.0.0.1").contains("new");

        HttpResponse<String> blocked = postForm(admin, "/admin/unknown-torrents/" + hash + "/block", Map.of());
        assertThat(follow(blocked).body()).contains("Blocked " + hash);
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
        assertThat(follow(bulk).body()).contains("Blocked 2 info-hashes");
        assertThat(announce(first, "-qB4650-abcdefghijkl").body()).contains("8:retry in5:never");
        assertThat(announce(second, "-qB4650-abcdefghijkl").body()).contains("8:retry in5:never");

        HttpResponse<String> ignored = postForm(admin, "/admin/unknown-torrents/" + first + "/ignore", Map.of());
        assertThat(follow(ignored).body()).contains("Set aside " + first);
        assertThat(admin.get("/admin/unknown-torrents").body()).doesNotContain(first).contains(second);
        assertThat(admin.get("/admin/unknown-torrents?show=ignored").body()).contains(first).doesNotContain(second);
        assertThat(announce(first, "-qB4650-abcdefghijkl").body()).as("ignoring changes nothing in the tracker")
                .contains("8:retry in5:never");

        HttpResponse<String> nothing = admin.send(admin.request("/admin/unknown-torrents/bulk")
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("action=block")).build());
        assertThat(follow(nothing).body()).contains("no info-hash was checked");

        postForm(admin, "/admin/unknown-torrents/" + first + "/unignore", Map.of());
        assertThat(admin.get("/admin/unknown-torrents").body()).contains(first);
    }

    @Test
    void refusedSignInsAreAudited() {
        String who = "intruder-" + UUID.randomUUID().toString().substring(0, 8);
        Http wrong = Http.at(port).as(who, "not-a-password");

        assertThat(wrong.get("/api/admin/bans").statusCode()).isEqualTo(401);

        assertThat(admin.get("/admin/audit?q=" + who).body()).contains(who).contains("sign-in refused");
    }

    @Test
    void aBanCanLastAFixedTime() {
        HttpResponse<String> created = admin.postJson("/api/admin/bans", "{\"cidr\":\"192.0.2.0/28\",\"reason\":\"short\",\"hours\":24}");
        assertThat(created.statusCode()).isEqualTo(201);
        assertThat(JsonPath.<String>read(created.body(), "$.until")).isNotNull();

        HttpResponse<String> page = postForm(admin, "/admin/bans", Map.of("cidr", "192.0.2.64/28", "reason", "week", "expires", "7d"));
        assertThat(follow(page).body()).contains("Banned 192.0.2.64/28 until");
        assertThat(admin.get("/admin/bans").body()).contains("192.0.2.0/28").contains("lifted by hand").doesNotContain(">never<");

        HttpResponse<String> nonsense = postForm(admin, "/admin/bans", Map.of("cidr", "192.0.2.128/28", "expires", "forever-and-a-day"));
        assertThat(follow(nonsense).body()).contains("choose how long the ban lasts");

        admin.send(admin.request("/api/admin/bans?cidr=192.0.2.0/28").DELETE().build());
        admin.send(admin.request("/api/admin/bans?cidr=192.0.2.64/28").DELETE().build());
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
        assertThat(admin.get("/admin").body()).contains("Tracker overview").contains("/js/admin-overview.js");
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

    /** Follows a redirect with the session it set, so the flash message shows. */
    private HttpResponse<String> follow(HttpResponse<String> redirect) {
        assertThat(redirect.statusCode()).isEqualTo(302);
        String location = redirect.headers().firstValue("Location").orElseThrow().replaceFirst("^https?://[^/]+", "");
        HttpRequest.Builder next = admin.request(location);
        redirect.headers().firstValue("Set-Cookie").ifPresent(c -> next.header("Cookie", c.split(";", 2)[0]));
        return admin.send(next.GET().build());
    }
}
