package org.seedcast.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
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
 * The application killed outright (SIGKILL) while it publishes, with an episode waiting for its
 * scheduled time, and started again on the same data directory and database. The kill and the
 * restart happen once, before the tests, each of which checks one thing the restarted application
 * must have kept: the kill costs a JVM of its own, the restart a start, both the longest part.
 */
@ExtendWith(ExternalPostgres.Extension.class)
@BesideTheSuite
@ResourceLock(value = ExternalPostgres.LOCK, mode = ResourceAccessMode.READ)
@ResourceLock(RunningSeedcast.PROCESS_LOCK)
class CrashAndRestartIntegrationTests {

    private static final String DATABASE = "crash_restart";
    private static final Duration SCHEDULE_RUNS_WITHIN = Duration.ofSeconds(90);

    static ExternalPostgres postgres;
    static RunningSeedcast app;
    static Studio studio;
    /** The drafts being published when the application was killed. */
    static List<Integer> drafts;
    /** The episode scheduled an hour ahead before the kill, and the time it was moved back to while nothing ran. */
    static int scheduled;
    static Instant scheduledAt;

    /**
     * Uploads the drafts and schedules an episode an hour ahead through the API of an application in
     * a JVM of its own, kills it while it publishes the drafts, moves the scheduled time into the past
     * in the database, as if the hour had gone by while nothing ran (instead of waiting for a time to
     * come on the wall clock), and starts the application again.
     */
    @BeforeAll
    static void killDuringPublishingAndRestart(ExternalPostgres server) throws Exception {
        postgres = server;
        postgres.createDatabase(DATABASE);
        // scheduled episodes are looked for every second, so the test waits for its episode, not for the schedule
        RunningSeedcast.Settings settings = RunningSeedcast.settings(postgres, DATABASE,
                TestRunSetup.ROOT.resolve("crash-restart"), "seedcast.schedule-interval=1s");
        app = RunningSeedcast.startProcess(settings);
        Studio killed = new Studio(app.port());
        killed.show("crash", "v1");
        drafts = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            drafts.add(killed.upload("crash", "Episode " + i, Media.mp4(200 * 1024 + i, 60 + i)));
        }
        killed.show("scheduled", "v1");
        scheduled = killed.upload("scheduled", "Scheduled", Media.mp4(100 * 1024, 70));
        Instant later = Instant.now().plus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        HttpResponse<String> schedule = killed.admin().postJson("/api/episodes/" + scheduled + "/publish",
                "{\"publishAt\":\"" + later + "\"}");
        assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(200);
        assertThat((String) JsonPath.read(schedule.body(), "$.status")).isEqualTo("SCHEDULED");

        publishUntilKilled(killed, drafts);
        scheduledAt = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        assertThat(moveSchedule(scheduled, later, scheduledAt)).as("the scheduled row, still scheduled at the time the API took")
                .isOne();
        app = RunningSeedcast.start(settings);
        studio = new Studio(app.port());
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void afterAKillDuringPublishingEveryEpisodeIsPublishedWithItsTorrentOrStillAPublishableDraft() throws Exception {
        TrackerClient peers = new TrackerClient(app.trackerPort());
        int port = 42000;
        for (int id : drafts) {
            String episode = studio.admin().get("/api/episodes/" + id).body();
            String status = JsonPath.read(episode, "$.status");
            assertThat(status).as("episode " + id).isIn("PUBLISHED", "DRAFT");
            if (status.equals("DRAFT")) {
                assertThat(publishedTorrents(id)).as("a draft has no published torrent").isZero();
                HttpResponse<String> published = studio.admin().postJson("/api/episodes/" + id + "/publish", "");
                assertThat(published.statusCode()).as("a draft left by the kill publishes: " + published.body()).isEqualTo(200);
                episode = published.body();
            }
            assertPublishedWhole(episode, peers, port++);
        }
    }

    @Test
    void anEpisodeScheduledWhenTheApplicationWasKilledIsPublishedAtItsScheduledTimeOnceItRunsAgain() {
        String episode = await("the scheduled episode's publication").atMost(SCHEDULE_RUNS_WITHIN)
                .until(() -> studio.admin().get("/api/episodes/" + scheduled).body(),
                        body -> "PUBLISHED".equals(JsonPath.read(body, "$.status")));
        assertThat(Instant.parse(JsonPath.read(episode, "$.publishedAt"))).as("dated at its scheduled time")
                .isEqualTo(scheduledAt);
        assertPublishedWhole(episode, new TrackerClient(app.trackerPort()), 43000);
    }

    /**
     * Publishes the drafts from two clients at once and kills the application with SIGKILL as
     * soon as the first publication is answered, while the others are under way.
     */
    private static void publishUntilKilled(Studio studio, List<Integer> drafts) throws Exception {
        Queue<Integer> queue = new ConcurrentLinkedQueue<>(drafts);
        AtomicInteger answered = new AtomicInteger();
        ExecutorService clients = Executors.newFixedThreadPool(2);
        for (int i = 0; i < 2; i++) {
            clients.execute(() -> {
                for (Integer id; (id = queue.poll()) != null; ) {
                    try {
                        if (studio.admin().postJson("/api/episodes/" + id + "/publish", "").statusCode() == 200) {
                            answered.incrementAndGet();
                        }
                    } catch (IllegalStateException connectionLost) {
                        return;
                    }
                }
            });
        }
        await("a first publication").atMost(Duration.ofSeconds(60)).until(() -> answered.get() > 0 || queue.isEmpty());
        app.kill();
        app = null;
        clients.shutdown();
        assertThat(clients.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }

    /** Published, with its signed torrent served, its media served and its info-hash tracked. */
    private static void assertPublishedWhole(String episode, TrackerClient peers, int port) {
        long id = ((Number) JsonPath.read(episode, "$.id")).longValue();
        assertThat((String) JsonPath.read(episode, "$.status")).isEqualTo("PUBLISHED");
        String infoHash = JsonPath.read(episode, "$.infoHash");
        assertThat(infoHash).as("episode " + id + " has its torrent").isNotNull();
        Http fan = Http.at(app.port());
        HttpResponse<byte[]> torrent = fan.sendForBytes(fan.request("/torrents/" + infoHash + ".torrent").build());
        assertThat(torrent.statusCode()).as("episode " + id + "'s torrent is served").isEqualTo(200);
        HttpResponse<byte[]> media = fan.sendForBytes(fan.request(Studio.local(JsonPath.read(episode, "$.mediaUrl"))).build());
        assertThat(media.statusCode()).as("episode " + id + "'s media is served").isEqualTo(200);
        assertThat(TusClient.sha256(media.body())).isEqualTo(JsonPath.read(episode, "$.sha256"));
        assertThat(peers.http(infoHash, port, 0, "started").failureReason())
                .as("our tracker serves episode " + id + "'s torrent").isEmpty();
    }

    private static long publishedTorrents(long episodeId) throws Exception {
        try (Connection c = postgres.connect(DATABASE);
             PreparedStatement s = c.prepareStatement("select count(*) from torrents where episode_id = ? and published")) {
            s.setLong(1, episodeId);
            try (ResultSet row = s.executeQuery()) {
                row.next();
                return row.getLong(1);
            }
        }
    }

    private static int moveSchedule(long episodeId, Instant from, Instant to) throws Exception {
        try (Connection c = postgres.connect(DATABASE); PreparedStatement s = c.prepareStatement(
                "update episodes set publish_at = ? where id = ? and status = 'SCHEDULED' and publish_at = ?")) {
            s.setObject(1, to.atOffset(ZoneOffset.UTC));
            s.setLong(2, episodeId);
            s.setObject(3, from.atOffset(ZoneOffset.UTC));
            return s.executeUpdate();
        }
    }
}
