package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;
import static org.mockito.Mockito.withSettings;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.seedcast.storage.MediaDirectory;
import org.seedcast.storage.StoredMedia;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.transaction.CannotCreateTransactionException;

/**
 * The web-seed look-up cache never keeps an answer read before a change it raced with, rides out
 * a database outage with what it knew, and remembers unknown ids without losing published ones.
 */
class CatalogMediaTests {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    @Test
    void aLookUpThatRacedWithAWithdrawIsNotKept() throws Exception {
        EpisodeRepository episodes = mock(EpisodeRepository.class);
        CatalogMedia media = new CatalogMedia(episodes, mock(ShowRepository.class));
        Episode published = episode(true);
        Episode withdrawn = episode(false);
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch withdrawCommitted = new CountDownLatch(1);
        when(episodes.findById(7L)).thenAnswer(call -> {
            reading.countDown();
            assertThat(withdrawCommitted.await(30, TimeUnit.SECONDS)).isTrue();
            return Optional.of(published);
        }).thenReturn(Optional.of(withdrawn));

        CompletableFuture<Optional<MediaDirectory.PublicMedia>> racing =
                CompletableFuture.supplyAsync(() -> media.publishedMedia(7L));
        assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
        media.on(new CatalogChanged(1L, 7L));
        withdrawCommitted.countDown();
        assertThat(racing.get(30, TimeUnit.SECONDS)).as("the racing request saw the old state").isPresent();

        assertThat(media.publishedMedia(7L)).as("the next request reads the withdraw").isEmpty();
    }

    @Test
    void anUnchangedAnswerIsCached() {
        EpisodeRepository episodes = mock(EpisodeRepository.class);
        CatalogMedia media = new CatalogMedia(episodes, mock(ShowRepository.class));
        when(episodes.findById(8L)).thenReturn(Optional.of(episode(true))).thenReturn(Optional.empty());

        assertThat(media.publishedMedia(8L)).isPresent();
        assertThat(media.publishedMedia(8L)).isPresent();
    }

    @Test
    void unknownIdsAreRememberedApartAndNeverPushOutPublishedMedia() {
        EpisodeRepository episodes = mock(EpisodeRepository.class, withSettings().stubOnly()); // 25,000 calls, none recorded
        CatalogMedia media = new CatalogMedia(episodes, mock(ShowRepository.class));
        when(episodes.findById(anyLong())).thenReturn(Optional.empty());
        when(episodes.findById(7L)).thenReturn(Optional.of(episode(true)));
        assertThat(media.publishedMedia(7L)).isPresent();

        for (long unknown = 1_000_000; unknown < 1_025_000; unknown++) { // more than either memory holds
            assertThat(media.publishedMedia(unknown)).isEmpty();
        }
        assertThat(media.lookups()).isEqualTo(25_001);
        assertThat(media.knownPublishedMedia(7L)).as("still in memory").isPresent();
        assertThat(media.publishedMedia(7L)).isPresent();
        assertThat(media.publishedMedia(1_024_999L)).isEmpty();
        assertThat(media.lookups()).as("both answered from memory").isEqualTo(25_001);
    }

    @Test
    void anIdRememberedAsUnknownIsLookedUpAgainOnceItsEpisodeChanges() {
        EpisodeRepository episodes = mock(EpisodeRepository.class);
        CatalogMedia media = new CatalogMedia(episodes, mock(ShowRepository.class));
        when(episodes.findById(7L)).thenReturn(Optional.of(episode(false))).thenReturn(Optional.of(episode(true)));
        assertThat(media.publishedMedia(7L)).isEmpty();
        assertThat(media.publishedMedia(7L)).isEmpty();
        assertThat(media.knownPublishedMedia(7L)).as("the web seed's fast path never answers from a miss").isEmpty();

        media.on(new CatalogChanged(1L, 7L)); // published, here or on another node (relayed)

        assertThat(media.publishedMedia(7L)).isPresent();
        assertThat(media.knownPublishedMedia(7L)).isPresent();
        assertThat(media.lookups()).isEqualTo(2);
    }

    @Test
    void aMissThatRacedWithAPublishIsNotKept() throws Exception {
        EpisodeRepository episodes = mock(EpisodeRepository.class);
        CatalogMedia media = new CatalogMedia(episodes, mock(ShowRepository.class));
        CountDownLatch reading = new CountDownLatch(1);
        CountDownLatch publishCommitted = new CountDownLatch(1);
        when(episodes.findById(7L)).thenAnswer(call -> {
            reading.countDown();
            assertThat(publishCommitted.await(30, TimeUnit.SECONDS)).isTrue();
            return Optional.of(episode(false));
        }).thenReturn(Optional.of(episode(true)));

        CompletableFuture<Optional<MediaDirectory.PublicMedia>> racing =
                CompletableFuture.supplyAsync(() -> media.publishedMedia(7L));
        assertThat(reading.await(30, TimeUnit.SECONDS)).isTrue();
        media.on(CatalogChanged.ANYTHING);
        publishCommitted.countDown();
        assertThat(racing.get(30, TimeUnit.SECONDS)).as("the racing request saw the old state").isEmpty();

        assertThat(media.publishedMedia(7L)).as("the next request reads the publish").isPresent();
    }

    @Test
    void whileTheDatabaseIsOutOfReachAnAnswerAChangeMadeStaleIsServedOnButNoneIsMadeUp() {
        EpisodeRepository episodes = mock(EpisodeRepository.class);
        CatalogMedia media = new CatalogMedia(episodes, mock(ShowRepository.class));
        when(episodes.findById(7L)).thenReturn(Optional.of(episode(true)))
                .thenThrow(new CannotCreateTransactionException("the database is down"))
                .thenReturn(Optional.of(episode(false)));
        when(episodes.findById(9L)).thenThrow(new DataAccessResourceFailureException("the database is down"));
        assertThat(media.publishedMedia(7L)).isPresent();

        media.on(new CatalogChanged(1L, 7L)); // say, its media facts arrived

        assertThat(media.publishedMedia(7L)).as("served on while the database is down").isPresent();
        assertThat(media.publishedMedia(7L)).as("looked up again once it is back").isEmpty();
        assertThatThrownBy(() -> media.publishedMedia(9L)).as("never known: no answer made up")
                .isInstanceOf(DataAccessResourceFailureException.class);
    }

    private static Episode episode(boolean published) {
        Episode episode = new Episode(1L, EpisodeDetails.of("Raced", "", null, null),
                new StoredMedia(UUID.randomUUID(), "video/mp4", 1000, "ab".repeat(32)), "raced.mp4", false, NOW);
        ReflectionTestUtils.setField(episode, "id", 7L);
        if (published) {
            episode.publish(null, NOW);
        }
        return episode;
    }
}
