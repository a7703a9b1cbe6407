package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.storage.StoredMedia;
import org.seedcast.support.PostgresTestConfiguration;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;

/**
 * The catalog's queries against the real PostgreSQL (a database of their own in the run's one server, migrated by
 * Flyway): which scheduled episodes are due, and a show's published episodes. Each test rolls back.
 */
@DataJpaTest(showSql = false)
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(PostgresTestConfiguration.class)
class EpisodeRepositoryTests {

    private static final Instant NOW = Instant.parse("2026-11-30T14:00:00Z");

    @Autowired
    EpisodeRepository episodes;

    @Autowired
    ShowRepository shows;

    long showId;

    @BeforeEach
    void show() {
        showId = shows.save(new Show(ShowDetails.of("repository-" + UUID.randomUUID().toString().substring(0, 8),
                "Queries", "", "", "en", "", false, "v1"), NOW)).getId();
    }

    @Test
    void scheduledEpisodesAreDueOnceTheirTimeHasComeInTheOrderOfTheirTimes() {
        long later = scheduled("later", NOW.minusSeconds(60));
        long earlier = scheduled("earlier", NOW.minusSeconds(3600));
        long exactlyNow = scheduled("now", NOW);
        scheduled("tomorrow", NOW.plus(Duration.ofDays(1)));
        draft("draft");

        assertThat(episodes.findDue(NOW)).containsExactly(earlier, later, exactlyNow);
    }

    @Test
    void anEpisodeWaitingAfterAFailedTryIsNotDueUntilItsNextAttempt() {
        long failed = scheduled("failed", NOW.minusSeconds(60));
        Episode episode = episodes.findById(failed).orElseThrow();
        episode.publishFailed("its media file is missing", NOW, Duration.ofMinutes(5));
        episodes.saveAndFlush(episode);

        assertThat(episodes.findDue(NOW)).doesNotContain(failed);
        assertThat(episodes.findDue(NOW.plus(Duration.ofMinutes(5)))).contains(failed);
        assertThat(episodes.findById(failed).orElseThrow().getPublishAttempts()).isEqualTo(1);
    }

    @Test
    void aShowsPublishedEpisodesAreListedNewestFirstAndCounted() {
        long first = published("first", NOW.minusSeconds(7200));
        long second = published("second", NOW.minusSeconds(3600));
        draft("draft");
        scheduled("scheduled", NOW.plusSeconds(3600));

        assertThat(episodes.findPublished(showId)).extracting(Episode::getId).containsExactly(second, first);
        assertThat(episodes.countPublished(showId)).isEqualTo(2);
        assertThat(episodes.findAllOfShow(showId)).hasSize(4);
    }

    @Test
    void theFirstReadingOfAnEpisodesMediaFactsToFinishIsKeptAndALaterOneChangesNothing() {
        UUID media = UUID.randomUUID();
        long id = episodes.saveAndFlush(new Episode(showId, new EpisodeDetails("facts", "", null, null),
                new StoredMedia(media, "video/mp4", 1000, "00".repeat(32)), "facts.mp4", true, NOW)).getId();
        UUID poster = UUID.randomUUID();
        MediaFacts known = new MediaFacts(MediaFacts.State.KNOWN, 2000L, 320, 180, "video/mp4", "h264", "aac", poster, null);
        MediaFacts failedLater = new MediaFacts(MediaFacts.State.UNREADABLE, null, null, null, null, null, null, null,
                "the bucket did not answer");

        assertThat(episodes.recordFacts(id, UUID.randomUUID(), known, NOW)).as("other media").isZero();
        assertThat(episodes.recordFacts(id, media, known, NOW)).isEqualTo(1);
        assertThat(episodes.recordFacts(id, media, failedLater, NOW)).as("read already").isZero();

        assertThat(episodes.findPosterId(id)).isEqualTo(poster);
    }

    private long draft(String title) {
        return episodes.saveAndFlush(episode(title)).getId();
    }

    private long scheduled(String title, Instant at) {
        Episode episode = episode(title);
        episode.publish(at, at.minusSeconds(1)); // in the future when it was scheduled
        return episodes.saveAndFlush(episode).getId();
    }

    private long published(String title, Instant at) {
        Episode episode = episode(title);
        episode.publish(null, at);
        return episodes.saveAndFlush(episode).getId();
    }

    private Episode episode(String title) {
        return new Episode(showId, new EpisodeDetails(title, "", null, null),
                new StoredMedia(UUID.randomUUID(), "video/mp4", 1000, "00".repeat(32)), title + ".mp4", false, NOW.minusSeconds(86_400));
    }
}
