package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Studio;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Scheduled episodes publish one by one: a bad one says why and waits, the others go out on time. */
@IntegrationTest
class ScheduledPublishingIntegrationTests {

    /**
     * The application's own scheduled run may hold the one-node lock when a test runs the schedule, and take the
     * due episodes instead of it: what the run did is awaited, for as long as such a run can take on a busy machine.
     */
    private static final Duration RUN_RECORDED_WITHIN = Duration.ofSeconds(30);

    @LocalServerPort
    int port;

    @Autowired
    PublishingSchedule schedule;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void aScheduledEpisodeWithoutItsMediaDoesNotHoldBackTheOthers() throws Exception {
        Studio studio = new Studio(port);
        studio.show("scheduled-pair", "v1");
        long good = studio.upload("scheduled-pair", "Goes out", Media.mp4(300_000, 61));
        long bad = studio.upload("scheduled-pair", "Lost its file", Media.mp4(300_000, 62));
        Instant due = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        jdbc.update("update episodes set status = 'SCHEDULED', publish_at = ? where id in (?, ?)",
                Timestamp.from(due), good, bad);
        String badMedia = jdbc.queryForObject("select media_id::text from episodes where id = ?", String.class, bad);
        Files.delete(Path.of("target/test-data/it/media", badMedia + ".media"));
        Files.delete(Path.of("target/test-data/it/media", badMedia + ".hashes"));

        schedule.publishDue();
        await("the run's outcome").atMost(RUN_RECORDED_WITHIN).ignoreExceptions().until(() -> JsonPath.read(
                studio.admin().get("/api/episodes/" + bad).body(), "$.publishFailure") != null && "PUBLISHED".equals(
                JsonPath.read(studio.admin().get("/api/episodes/" + good).body(), "$.status")));

        String published = studio.admin().get("/api/episodes/" + good).body();
        assertThat((String) JsonPath.read(published, "$.status")).isEqualTo("PUBLISHED");
        assertThat(Instant.parse(JsonPath.read(published, "$.publishedAt"))).as("the scheduled time, not the run's")
                .isEqualTo(due);
        String failed = studio.admin().get("/api/episodes/" + bad).body();
        assertThat((String) JsonPath.read(failed, "$.status")).isEqualTo("SCHEDULED");
        assertThat((String) JsonPath.read(failed, "$.publishFailure")).contains("missing");
    }

    @Test
    void aFailedScheduledEpisodeIsNotRetriedAtEveryRun() throws Exception {
        long bad = dueEpisode(port, jdbc, "scheduled-backoff", "Lost its file too", 63);
        String badMedia = jdbc.queryForObject("select media_id::text from episodes where id = ?", String.class, bad);
        Files.delete(Path.of("target/test-data/it/media", badMedia + ".media"));
        Files.delete(Path.of("target/test-data/it/media", badMedia + ".hashes"));

        schedule.publishDue();
        await("the failed attempt recorded").atMost(RUN_RECORDED_WITHIN).until(() -> attempts(bad) > 0);
        schedule.publishDue();

        assertThat(attempts(bad)).isEqualTo(1);
        assertThat(jdbc.queryForObject("select next_attempt_at > now() from episodes where id = ?", Boolean.class, bad))
                .isTrue();
    }

    private int attempts(long episode) {
        return jdbc.queryForObject("select publish_attempts from episodes where id = ?", Integer.class, episode);
    }

    /** An episode of a new v1 show, scheduled for a minute ago: due. */
    static long dueEpisode(int port, JdbcTemplate jdbc, String slug, String title, int seed) {
        Studio studio = new Studio(port);
        studio.show(slug, "v1");
        long id = studio.upload(slug, title, Media.mp4(300_000, seed));
        jdbc.update("update episodes set status = 'SCHEDULED', publish_at = ? where id = ?",
                Timestamp.from(Instant.now().minus(1, ChronoUnit.MINUTES)), id);
        return id;
    }
}
