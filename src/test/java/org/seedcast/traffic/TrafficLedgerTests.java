package org.seedcast.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.doThrow;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.support.MovableClock;
import org.seedcast.torrent.InfoHash;
import org.springframework.dao.DataAccessResourceFailureException;

/** The ledger writes each counter's growth once, under the bucket it was read in, across restarts and failed writes. */
class TrafficLedgerTests {

    static final Instant START = Instant.parse("2026-03-01T10:15:00Z");
    static final Instant HOUR = Instant.parse("2026-03-01T10:00:00Z");
    static final InfoHash V1 = InfoHash.of(filled(1));
    static final InfoHash V2 = InfoHash.of(filled(2));

    final MovableClock clock = new MovableClock(START);
    final Counters counters = new Counters();
    final TrafficStore store = mock(TrafficStore.class);
    final List<Map<TrafficStore.Key, TrafficFigures>> writes = new ArrayList<>();
    final TrafficProperties properties = new TrafficProperties(Duration.ofMinutes(1), Duration.ofHours(1), Duration.ofDays(90));

    @BeforeEach
    void store() {
        doAnswer(call -> writes.add(Map.copyOf(call.getArgument(0)))).when(store).add(any());
        when(store.total()).thenReturn(TrafficFigures.NONE);
    }

    @Test
    void theFirstFlushWritesEverythingSinceStartInTheCurrentBucket() {
        counters.seed.put(1L, 100L);
        counters.webSeedBitTorrent.put(1L, 50L);
        counters.webSeedPlain.put(1L, 7L);
        counters.fans.put(V1, 400L);

        ledger().flush();

        assertThat(writes).containsExactly(Map.of(key(1, HOUR), new TrafficFigures(100, 50, 7, 400)));
    }

    @Test
    void laterFlushesWriteOnlyWhatGrewAndNothingWhenNothingDid() {
        TrafficLedger ledger = ledger();
        counters.seed.put(1L, 100L);
        ledger.flush();

        counters.seed.put(1L, 160L);
        ledger.flush();
        ledger.flush();

        assertThat(writes).containsExactly(Map.of(key(1, HOUR), new TrafficFigures(100, 0, 0, 0)),
                Map.of(key(1, HOUR), new TrafficFigures(60, 0, 0, 0)));
    }

    @Test
    void growthIsFiledUnderTheBucketItWasReadIn() {
        TrafficLedger ledger = ledger();
        counters.seed.put(1L, 100L);
        ledger.flush();

        clock.advance(Duration.ofHours(1));
        counters.seed.put(1L, 130L);
        counters.seed.put(2L, 5L);
        ledger.flush();

        Instant next = HOUR.plus(Duration.ofHours(1));
        assertThat(writes.get(1)).isEqualTo(Map.of(key(1, next), new TrafficFigures(30, 0, 0, 0),
                key(2, next), new TrafficFigures(5, 0, 0, 0)));
    }

    @Test
    void aRestartedProcessCountsItsCountersFromZeroWithoutCountingTheFlushedBytesAgain() {
        counters.seed.put(1L, 100L);
        counters.fans.put(V1, 300L);
        ledger().flush();

        Counters afterRestart = new Counters();
        afterRestart.seed.put(1L, 20L);
        afterRestart.fans.put(V1, 10L);
        new TrafficLedger(afterRestart, store, properties, clock).flush();

        assertThat(writes).containsExactly(Map.of(key(1, HOUR), new TrafficFigures(100, 0, 0, 300)),
                Map.of(key(1, HOUR), new TrafficFigures(20, 0, 0, 10)));
    }

    @Test
    void aCounterThatRestartedWithinTheProcessCountsFromZero() {
        TrafficLedger ledger = ledger();
        counters.fans.put(V1, 1000L);
        ledger.flush();

        counters.fans.put(V1, 200L); // the tracker forgot the swarm and met it again
        ledger.flush();

        assertThat(writes.get(1)).isEqualTo(Map.of(key(1, HOUR), new TrafficFigures(0, 0, 0, 200)));
    }

    @Test
    void aHybridsTwoSwarmsAddUpForItsEpisode() {
        counters.episodes.put(V2, 1L);
        counters.fans.put(V1, 300L);
        counters.fans.put(V2, 200L);

        ledger().flush();

        assertThat(writes).containsExactly(Map.of(key(1, HOUR), new TrafficFigures(0, 0, 0, 500)));
    }

    @Test
    void aWithdrawnTorrentsLastReportsStillBelongToItsEpisode() {
        TrafficLedger ledger = ledger();
        counters.fans.put(V1, 100L);
        ledger.flush();

        counters.episodes.clear();
        counters.fans.put(V1, 150L);
        ledger.flush();

        assertThat(writes.get(1)).isEqualTo(Map.of(key(1, HOUR), new TrafficFigures(0, 0, 0, 50)));
    }

    @Test
    void aFailedWriteIsKeptAndGoesOutWithTheNextFlush() {
        TrafficLedger ledger = ledger();
        counters.seed.put(1L, 100L);
        doThrow(new DataAccessResourceFailureException("database down")).when(store).add(any());
        ledger.flush();

        doAnswer(call -> writes.add(Map.copyOf(call.getArgument(0)))).when(store).add(any());
        counters.seed.put(1L, 150L);
        ledger.flush();

        assertThat(writes).containsExactly(Map.of(key(1, HOUR), new TrafficFigures(150, 0, 0, 0)));
    }

    @Test
    void unflushedGrowthIsVisibleBeforeTheFlushAndNotCountedTwiceByIt() {
        TrafficLedger ledger = ledger();
        counters.seed.put(1L, 100L);
        ledger.flush();
        counters.seed.put(1L, 140L);

        assertThat(unflushed(ledger)).isEqualTo(Map.of(key(1, HOUR), new TrafficFigures(40, 0, 0, 0)));
        assertThat(unflushed(ledger)).as("reading twice").isEqualTo(Map.of(key(1, HOUR), new TrafficFigures(40, 0, 0, 0)));
        ledger.flush();
        assertThat(unflushed(ledger)).isEmpty();
        assertThat(writes.get(1)).isEqualTo(Map.of(key(1, HOUR), new TrafficFigures(40, 0, 0, 0)));
    }

    @Test
    void aFailedWriteStaysVisibleAsUnflushed() {
        TrafficLedger ledger = ledger();
        counters.seed.put(1L, 100L);
        doThrow(new DataAccessResourceFailureException("database down")).when(store).add(any());
        ledger.flush();

        assertThat(unflushed(ledger)).isEqualTo(Map.of(key(1, HOUR), new TrafficFigures(100, 0, 0, 0)));
    }

    @Test
    void theShareForScrapesIsTheStoredOverallShareAsOfTheLastFlush() {
        when(store.total()).thenReturn(new TrafficFigures(1000, 100, 0, 4400));
        TrafficLedger ledger = ledger();

        ledger.flush();

        assertThat(ledger.flushedShare()).isEqualTo(0.75);
    }

    @Test
    void theShareForScrapesIsUndefinedUntilFansReport() {
        TrafficLedger ledger = ledger();
        counters.seed.put(1L, 100L);
        ledger.flush();

        assertThat(ledger.flushedShare()).isNaN();
    }

    private static Map<TrafficStore.Key, TrafficFigures> unflushed(TrafficLedger ledger) {
        return ledger.withUnflushed(unflushed -> unflushed);
    }

    private TrafficLedger ledger() {
        return new TrafficLedger(counters, store, properties, clock);
    }

    private static TrafficStore.Key key(long episode, Instant bucket) {
        return new TrafficStore.Key(episode, bucket);
    }

    private static byte[] filled(int value) {
        byte[] bytes = new byte[20];
        java.util.Arrays.fill(bytes, (byte) value);
        return bytes;
    }

    /** Counters the test sets by hand; info-hash {@link #V1} belongs to episode 1. */
    static final class Counters implements TrafficCounters {

        final Map<Long, Long> seed = new HashMap<>();
        final Map<Long, Long> webSeedBitTorrent = new HashMap<>();
        final Map<Long, Long> webSeedPlain = new HashMap<>();
        final Map<InfoHash, Long> fans = new HashMap<>();
        final Map<InfoHash, Long> episodes = new HashMap<>(Map.of(V1, 1L));

        @Override
        public Reading read() {
            return new Reading(Map.copyOf(seed), Map.copyOf(webSeedBitTorrent), Map.copyOf(webSeedPlain), Map.copyOf(fans),
                    Map.copyOf(episodes));
        }
    }
}
