package org.seedcast.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.function.ThrowingSupplier;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.support.ExternalPostgres;
import org.seedcast.support.Http;
import org.seedcast.support.Media;
import org.seedcast.support.RunningSeedcast;
import org.seedcast.support.Studio;
import org.seedcast.support.TestRunSetup;
import org.seedcast.support.TusClient;

/**
 * The application against a PostgreSQL that the tests stop and start again, or stall: what must
 * keep working while the database is gone, what must reach it once it is back, and that a database
 * that stops answering fails requests instead of holding them.
 */
@ExtendWith(ExternalPostgres.Extension.class)
@BesideTheSuite
@ResourceLock(value = ExternalPostgres.LOCK, mode = ResourceAccessMode.READ_WRITE)
class DatabaseOutageIntegrationTests {

    /** Counts are written this often; the polls below wait many times longer. */
    private static final String FLUSH = "300ms";
    private static final Duration BACK_WITHIN = Duration.ofSeconds(30);
    /** Hikari's shortest wait is 250 ms; twice that leaves a loaded machine room to hand out a pooled connection. */
    private static final String CONNECTION_WAIT = "500"; // milliseconds

    /**
     * Short, as each stall test sits it out; long enough for any statement these tests make on a loaded machine,
     * and for the lock test to see its statement wait in PostgreSQL and freeze the network before it runs out.
     */
    private static final String SOCKET_TIMEOUT = "2s";

    static ExternalPostgres postgres;
    /** Between the application and PostgreSQL, to stall the database without stopping it. */
    static FreezableProxy network;
    static RunningSeedcast app;
    static Studio studio;

    @BeforeAll
    static void start(ExternalPostgres server) throws IOException {
        postgres = server;
        postgres.createDatabase("outage");
        network = new FreezableProxy(URI.create(postgres.jdbcUrl("outage").substring("jdbc:".length())).getPort());
        app = RunningSeedcast.start(RunningSeedcast.settings("jdbc:postgresql://127.0.0.1:" + network.port() + "/outage",
                postgres.username(), postgres.password(), TestRunSetup.ROOT.resolve("outage"),
                "seedcast.database.socket-timeout=" + SOCKET_TIMEOUT, "seedcast.tracker.flush-interval=" + FLUSH, "seedcast.downloads.flush-interval=" + FLUSH,
                // each request that needs the database while it is down waits this long for a connection, then fails
                "spring.datasource.hikari.connection-timeout=" + CONNECTION_WAIT));
        studio = new Studio(app.port());
    }

    @AfterEach
    void databaseBack() {
        network.thaw();
        postgres.ensureRunning();
    }

    @AfterAll
    static void stop() throws IOException {
        if (app != null) {
            app.close();
        }
        if (network != null) {
            network.close();
        }
    }

    @Test
    void aRequestTheDatabaseStopsAnsweringMidwayFailsWith503InsteadOfHoldingItsThreadForever() throws Exception {
        Http scripts = studio.admin();
        assertThat(scripts.get("/api/account").statusCode()).isEqualTo(200);
        ExecutorService client = Executors.newSingleThreadExecutor();
        try (Connection holder = postgres.connect("outage")) {
            holder.setAutoCommit(false);
            try (Statement statement = holder.createStatement()) { // the account check now waits for this transaction
                statement.execute("lock table sign_in_failures, accounts in access exclusive mode");
            }
            Future<HttpResponse<String>> answer = client.submit(() -> scripts.get("/api/account"));
            // the statement is in the server: the connection passed the pool's check, and only the socket can time out now
            await("the account check waiting in PostgreSQL").atMost(BACK_WITHIN)
                    .until(() -> answer.isDone() || number("select count(*) from pg_stat_activity"
                            + " where datname = ? and wait_event_type = 'Lock'", "outage") > 0);
            network.freeze();

            assertUnavailable(answer::get, "the request still waits on the stalled database: nothing bounds a JDBC call");
        } finally {
            network.thaw();
            client.shutdownNow();
        }
        await("the accounts once the database answers again").atMost(BACK_WITHIN)
                .until(() -> scripts.get("/api/account").statusCode(), status -> status == 200);
    }

    @Test
    void aPageWhileTheDatabaseIsStalledIsTheErrorPageWith503() {
        SignedInBrowser browser = new SignedInBrowser(app.port(), Studio.ADMIN, Studio.ADMIN_PASSWORD);
        network.freeze();
        try {
            assertUnavailable(() -> browser.send(browser.request("/studio").header("Accept", "text/html").GET().build()),
                    "the page still waits on the stalled database");
        } finally {
            network.thaw();
        }
        await("the page once the database answers again").atMost(BACK_WITHIN)
                .until(() -> browser.send(browser.request("/studio").GET().build()).statusCode(), status -> status == 200);
    }

    /**
     * A stalled database's caller is told to retry, with no trace of the failure. The guard, far
     * past the bounds set above, only turns a request held forever into a failure.
     */
    private static void assertUnavailable(ThrowingSupplier<HttpResponse<String>> request, String held) {
        HttpResponse<String> answer = assertTimeoutPreemptively(Duration.ofSeconds(50), request, held);
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(503);
        assertThat(answer.headers().firstValue("Retry-After")).isPresent();
        assertThat(answer.body()).doesNotContain("Exception", "at org.");
    }

    @Test
    void theTrackerAnswersWhileTheDatabaseIsDownAndItsCountsReachTheDatabaseOnceItIsBack() throws Exception {
        String episode = studio.publishInNewShow("outage-tracker", Media.mp4(64 * 1024, 41));
        String infoHash = JsonPath.read(episode, "$.infoHash");
        long episodeId = ((Number) JsonPath.read(episode, "$.id")).longValue();
        String media = Studio.local(JsonPath.read(episode, "$.mediaUrl"));
        Http fan = Http.at(app.port());
        assertThat(fan.get(media).statusCode()).isEqualTo(200);
        // stored before the outage, so no flush is in flight when the database stops
        await("the download before the outage").atMost(BACK_WITHIN).until(
                () -> number("select direct from download_counts where episode_id = ?", episodeId) == 1);
        String foreign = HexFormat.of().formatHex(randomBytes(20));
        TrackerClient peers = new TrackerClient(app.trackerPort());

        postgres.stop("fast");

        assertThat(peers.http(infoHash, 41001, 0, "started").failureReason()).isEmpty();
        TrackerClient.Answer httpLeecher = peers.http(infoHash, 41002, 1000, "started");
        assertThat(httpLeecher.failureReason()).isEmpty();
        assertThat(httpLeecher.peerPorts()).contains(41001);
        TrackerClient.Answer udpLeecher = peers.udp(infoHash, 41003, 1000, 2);
        assertThat(udpLeecher.failureReason()).isEmpty();
        assertThat(udpLeecher.peerPorts()).contains(41001);
        assertThat(peers.http(infoHash, 41002, 0, "completed").failureReason()).isEmpty();
        assertThat(peers.udp(infoHash, 41003, 0, 1).failureReason()).isEmpty();
        assertThat(peers.http(foreign, 41004, 1000, "started").failureReason())
                .as("a foreign torrent is refused").isPresent();
        assertThat(peers.udp(foreign, 41005, 1000, 2).peerPorts()).as("a foreign torrent gets no peers").isEmpty();
        for (int i = 0; i < 3; i++) {
            assertThat(fan.get(media).statusCode()).as("the web seed serves on").isEqualTo(200);
        }

        postgres.start();

        await("the counts kept through the outage").atMost(BACK_WITHIN).untilAsserted(() -> {
            assertThat(number("select completed from swarm_stats where info_hash = ?", infoHash))
                    .as("completions, one over HTTP and one over UDP").isEqualTo(2);
            assertThat(number("select announces from unknown_torrents where info_hash = ?", foreign))
                    .as("announces of the foreign torrent").isEqualTo(2);
            assertThat(number("select direct from download_counts where episode_id = ?", episodeId))
                    .as("direct downloads, one before the outage and three during it").isEqualTo(4);
        });
    }

    @Test
    void aResumableUploadKeepsItsBytesThroughADatabaseOutageAndResumesAtTheServersOffset() throws Exception {
        studio.show("outage-tus", "v1");
        int part = 256 * 1024;
        byte[] content = Media.mp4(3 * part + 1234, 43);
        // as the studio's uploader does, from a signed-in browser: its session, not credentials the outage cannot check
        TusClient tus = new TusClient(new SignedInBrowser(app.port(), Studio.ADMIN, Studio.ADMIN_PASSWORD), "outage-tus");
        String upload = tus.create(content.length, "outage.mp4", "Through an outage");
        assertThat(tus.patch(upload, 0, Arrays.copyOfRange(content, 0, part)).statusCode()).isEqualTo(204);

        postgres.stop("immediate");

        int duringOutage = tus.patch(upload, part, Arrays.copyOfRange(content, part, 2 * part)).statusCode();
        assertThat(duringOutage).as("an append while the database is down fails visibly, for the client to retry")
                .isBetween(500, 599);
        assertThat(tus.head(upload).statusCode()).as("so does asking for the offset").isBetween(500, 599);
        var scripted = studio.admin().get("/api/account"); // HTTP Basic: the account cannot be read to check it
        assertThat(scripted.statusCode()).as("a script is told to retry, not that its password is wrong: " + scripted.body())
                .isEqualTo(503);
        assertThat(scripted.headers().firstValue("Retry-After")).isPresent();

        postgres.start();

        long offset = await("the upload's offset once the database is back").atMost(BACK_WITHIN)
                .until(() -> tus.offset(upload), o -> o >= 0);
        assertThat(offset).as("the bytes acknowledged before the outage, plus those of the failed append if they were kept")
                .isIn((long) part, 2L * part);
        var last = tus.patch(upload, offset, Arrays.copyOfRange(content, (int) offset, content.length));
        assertThat(last.statusCode()).as(last.body()).isEqualTo(204);
        String episodeId = last.headers().firstValue("Seedcast-Episode-Id").orElseThrow();
        String episode = studio.admin().get("/api/episodes/" + episodeId).body();
        assertThat((String) JsonPath.read(episode, "$.sha256")).isEqualTo(TusClient.sha256(content));
        assertThat(((Number) JsonPath.read(episode, "$.size")).longValue()).isEqualTo(content.length);
    }

    private static long number(String sql, Object key) throws Exception {
        try (Connection c = postgres.connect("outage"); PreparedStatement statement = c.prepareStatement(sql)) {
            statement.setObject(1, key);
            try (ResultSet row = statement.executeQuery()) {
                return row.next() ? row.getLong(1) : 0;
            }
        }
    }

    private static byte[] randomBytes(int n) {
        byte[] bytes = new byte[n];
        ThreadLocalRandom.current().nextBytes(bytes);
        return bytes;
    }
}
