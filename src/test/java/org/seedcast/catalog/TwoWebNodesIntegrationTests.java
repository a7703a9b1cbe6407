package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.scheduling.ClusterLock;
import org.seedcast.storage.StorageProperties;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.PageClient;
import org.seedcast.support.RunningSeedcast;
import org.seedcast.support.Studio;
import org.seedcast.torrent.PublisherIdentity;
import org.seedcast.torrent.TestIdentities;
import org.seedcast.torrent.Torrent;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Two web nodes on one PostgreSQL, as behind a load balancer: the shared application (A) and a
 * second one started here on A's database (B), with a data directory of its own (holding A's publisher
 * key, as web nodes share one), no tracker or seed listening, and one web-seed mirror and one further
 * tracker host that A does not have.
 */
@IntegrationTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class TwoWebNodesIntegrationTests {

    private static final String MIRROR = "https://mirror.example.net/seedcast";
    private static final String TRACKER_NODE = "tracker-2.example.net";

    @LocalServerPort
    int port;

    @Autowired
    PublishingSchedule schedule;

    @Autowired
    ClusterLock cluster;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    PublisherIdentity identity;

    @TempDir
    Path tmp;

    private RunningSeedcast nodeB;

    @BeforeAll
    void startSecondNode(@Autowired JdbcConnectionDetails database, @Autowired StorageProperties storage)
            throws IOException {
        Path dataDir = Path.of("target/test-data/second-web-node");
        TestIdentities.copy(storage.inDataDir("publisher"), dataDir.resolve("publisher"));
        nodeB = RunningSeedcast.start(RunningSeedcast.settings(database.getJdbcUrl(), database.getUsername(),
                database.getPassword(), dataDir,
                "seedcast.public-url=http://localhost:" + port,
                // a web node: A's tracker and seed serve the swarms
                "seedcast.tracker.enabled=false", "seedcast.seeder.enabled=false",
                // B publishes only when this test asks it to
                "seedcast.schedule-interval=1h",
                "seedcast.webseed.mirrors=" + MIRROR, "seedcast.tracker.more-hosts=" + TRACKER_NODE));
    }

    @AfterAll
    void stopSecondNode() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    @Test
    void aBrowserSignedInOnOneNodeIsSignedInOnTheOtherUntilItSignsOutThere() {
        PageClient onA = PageClient.at(port);
        PageClient onB = signedInOnAAndB(onA);
        assertThat(onB.get("/studio").statusCode()).as("signed in on B").isEqualTo(200);

        HttpResponse<String> signedOut = onB.postForm("/logout", Map.of(), "/studio");
        assertThat(signedOut.statusCode()).isEqualTo(302);
        assertThat(onA.get("/studio").headers().firstValue("Location")).as("signed out on A too")
                .hasValueSatisfying(location -> assertThat(location).endsWith("/login"));
    }

    @Test
    void aFormRefusedOnOneNodeComesBackFilledInFromTheOther() {
        PageClient onA = PageClient.at(port);
        PageClient onB = signedInOnAAndB(onA);

        HttpResponse<String> refused = onA.postForm("/admin/bans", Map.of("cidr", "not-an-address",
                "reason", "typed-on-node-a", "expires", ""), "/admin/bans");
        assertThat(refused.statusCode()).isEqualTo(302);

        assertThat(onB.get("/admin/bans").body()).as("the flash attributes travel in the session")
                .contains("Nothing banned").contains("value=\"typed-on-node-a\"");
    }

    /** Signs in on A with {@code onA} and returns a client for B that carries the same cookies. */
    private PageClient signedInOnAAndB(PageClient onA) {
        assertThat(onA.signIn(Studio.ADMIN, Studio.ADMIN_PASSWORD).statusCode()).isEqualTo(302);
        assertThat(onA.get("/studio").statusCode()).isEqualTo(200);
        assertThat(jdbc.queryForObject("select count(*) from spring_session where principal_name = ?", Integer.class,
                Studio.ADMIN)).as("the session is kept in PostgreSQL").isPositive();
        PageClient onB = PageClient.at(nodeB.port());
        URI b = URI.create("http://127.0.0.1:" + nodeB.port());
        onA.cookies().getCookieStore().getCookies().forEach(cookie -> onB.cookies().getCookieStore().add(b, cookie));
        return onB;
    }

    @Test
    void aScheduledEpisodeIsPublishedByOneNodeAtATime() throws Exception {
        long id = ScheduledPublishingIntegrationTests.dueEpisode(port, jdbc, "two-nodes-scheduled", "Due on both nodes", 71);
        CountDownLatch working = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(1);
        CompletableFuture<Boolean> onA = CompletableFuture.supplyAsync(() -> cluster.runAlone(PublishingSchedule.WORK, () -> {
            working.countDown();
            await(done);
        }));
        assertThat(working.await(30, TimeUnit.SECONDS)).as("A holds the schedule").isTrue();

        // B finds A at it and leaves the episode alone: B has not even its media, so a run there would fail and say so
        nodeB.context().getBean(PublishingSchedule.class).publishDue();
        assertThat(jdbc.queryForMap("select status, publish_attempts from episodes where id = ?", id))
                .containsEntry("status", "SCHEDULED").containsEntry("publish_attempts", 0);

        done.countDown();
        assertThat(onA.get(30, TimeUnit.SECONDS)).isTrue();
        schedule.publishDue();
        assertThat(jdbc.queryForObject("select status from episodes where id = ?", String.class, id)).isEqualTo("PUBLISHED");
    }

    @Test
    void aMirrorAndATrackerNodeFollowOurOwnWithoutChangingTheInfoHashOrTheSignature() throws Exception {
        String episode = new Studio(port).publishInNewShow("two-nodes-mirror", Media.mp4(400_000, 72));
        String torrentPath = Studio.local(JsonPath.read(episode, "$.torrentUrl"));
        HttpResponse<byte[]> servedByA = torrent(Http.at(port), torrentPath);
        HttpResponse<byte[]> servedByB = torrent(Http.at(nodeB.port()), torrentPath);
        assertThat(servedByB.headers().firstValue("ETag")).as("a cached copy without the mirror is not kept")
                .isPresent().isNotEqualTo(servedByA.headers().firstValue("ETag"));
        byte[] fromA = servedByA.body();
        byte[] fromB = servedByB.body();
        Torrent plain = Torrent.parse(fromA);
        Torrent mirrored = Torrent.parse(fromB);
        URI own = plain.webSeeds().getFirst();
        URI mirror = URI.create(MIRROR + "/media/" + JsonPath.read(episode, "$.id") + "/" + JsonPath.read(episode, "$.fileName"));

        assertThat(plain.webSeeds()).containsExactly(own);
        assertThat(mirrored.webSeeds()).containsExactly(own, mirror);
        assertThat(mirrored.trackers()).as("the other tracker node after ours, HTTP then UDP")
                .startsWith(plain.trackers().toArray(URI[]::new)).hasSize(plain.trackers().size() + 2);
        List<URI> added = mirrored.trackers().subList(plain.trackers().size(), mirrored.trackers().size());
        assertThat(added).extracting(URI::getScheme).containsExactly("http", "udp");
        assertThat(added).extracting(URI::getHost).containsOnly(TRACKER_NODE);
        assertThat(mirrored.infoHash()).isEqualTo(plain.infoHash());
        assertThat(identity.verify(fromB).genuine()).as(identity.verify(fromB).reason()).isTrue();
        Path file = Files.write(tmp.resolve("mirrored.torrent"), fromB);
        assertThat(RequiredTools.run(List.of(RequiredTools.require("transmission-show").toString(), file.toString())))
                .contains("Hash: " + plain.infoHash().toHex()).contains(mirror.toString())
                .as("one tier: a client tries the next node when one is down").contains("Tier #1", added.getFirst().toString())
                .doesNotContain("Tier #2");

        String magnetOnB = JsonPath.read(Http.at(nodeB.port()).get("/api/episodes/" + JsonPath.read(episode, "$.id")).body(),
                "$.magnet");
        assertThat(parametersOf(magnetOnB, "ws")).containsExactly(own.toString(), mirror.toString());
        assertThat(parametersOf(magnetOnB, "tr")).endsWith(added.stream().map(URI::toString).toArray(String[]::new));
        assertThat(parametersOf(JsonPath.read(episode, "$.magnet"), "ws")).containsExactly(own.toString());
    }

    private static HttpResponse<byte[]> torrent(Http http, String path) {
        HttpResponse<byte[]> response = http.sendForBytes(http.request(path).build());
        assertThat(response.statusCode()).isEqualTo(200);
        return response;
    }

    private static List<String> parametersOf(String magnet, String name) {
        return Arrays.stream(magnet.substring(magnet.indexOf('?') + 1).split("&"))
                .filter(parameter -> parameter.startsWith(name + "="))
                .map(parameter -> URLDecoder.decode(parameter.substring(name.length() + 1), StandardCharsets.UTF_8)).toList();
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
