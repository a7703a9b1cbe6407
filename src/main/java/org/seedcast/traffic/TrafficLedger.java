package org.seedcast.traffic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Function;

import jakarta.annotation.PreDestroy;
import org.seedcast.torrent.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Moves the growth of the in-memory traffic counters into the database: every flush reads them all,
 * takes the differences since the last reading ({@link CounterDifferences}), files them under the
 * current time bucket and writes every episode's bucket and total in one transaction. A failed write
 * keeps its growth for the next flush. Counters start at zero with the process, and so do the
 * references they are compared with, so a restart neither loses what was flushed nor counts it
 * twice; what grew after the last flush before a crash is lost (one interval at most, and the
 * shutdown flushes once more).
 */
@Component
class TrafficLedger {

    private static final Logger log = LoggerFactory.getLogger(TrafficLedger.class);
    private static final Duration PRUNE_EVERY = Duration.ofHours(1);

    private final TrafficCounters counters;
    private final TrafficStore store;
    private final TrafficProperties properties;
    private final Clock clock;

    private final CounterDifferences<Long> seed = new CounterDifferences<>();
    private final CounterDifferences<Long> webSeedBitTorrent = new CounterDifferences<>();
    private final CounterDifferences<Long> webSeedPlain = new CounterDifferences<>();
    private final CounterDifferences<InfoHash> fans = new CounterDifferences<>();
    /** Every info-hash's episode seen so far: a withdrawn torrent's last reports still belong to its episode. */
    private final Map<InfoHash, Long> episodes = new HashMap<>();
    /** Growth read but not written yet, by episode and bucket. */
    private final Map<TrafficStore.Key, TrafficFigures> pending = new HashMap<>();
    private Instant lastPrune = Instant.MIN;
    /** The overall P2P share as of the last flush, for scrapes, which must not wait for the database. */
    private volatile double flushedShare = Double.NaN;

    TrafficLedger(TrafficCounters counters, TrafficStore store, TrafficProperties properties, Clock clock) {
        this.counters = counters;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Reads the counters and writes what grew since the last flush. */
    @PreDestroy
    synchronized void flush() {
        Instant now = clock.instant();
        TrafficCounters.Reading reading = counters.read();
        episodes.putAll(reading.episodes());
        growth(reading, true).forEach((episode, f) -> pending.merge(new TrafficStore.Key(episode, bucketOf(now)), f,
                TrafficFigures::plus));
        if (!pending.isEmpty()) {
            write();
        }
        updateShare();
        if (Duration.between(lastPrune, now).compareTo(PRUNE_EVERY) >= 0) {
            prune(now);
        }
    }

    /**
     * Runs {@code read} with what the database does not hold yet, by episode and bucket (growth read
     * but not written, and the counters' growth since the last reading, filed under the current
     * bucket), while no flush runs: what {@code read} then finds in the database and what it is
     * handed add up to each byte exactly once.
     */
    synchronized <T> T withUnflushed(Function<Map<TrafficStore.Key, TrafficFigures>, T> read) {
        TrafficCounters.Reading reading = counters.read();
        episodes.putAll(reading.episodes());
        Map<TrafficStore.Key, TrafficFigures> unflushed = new HashMap<>(pending);
        Instant bucket = bucketOf(clock.instant());
        growth(reading, false).forEach((episode, f) -> unflushed.merge(new TrafficStore.Key(episode, bucket), f,
                TrafficFigures::plus));
        return read.apply(Map.copyOf(unflushed));
    }

    /** The overall P2P share as of the last flush (0 to 1), NaN while fans reported nothing or before the first flush. */
    double flushedShare() {
        return flushedShare;
    }

    /** The start of the bucket {@code at} falls in. */
    Instant bucketOf(Instant at) {
        long width = properties.bucket().toSeconds();
        return Instant.ofEpochSecond(at.getEpochSecond() - Math.floorMod(at.getEpochSecond(), width));
    }

    private void write() {
        Map<TrafficStore.Key, TrafficFigures> batch = Map.copyOf(pending);
        try {
            store.add(batch);
            pending.clear();
        } catch (RuntimeException e) {
            log.warn("Could not store the traffic of {} episode buckets; keeping it for the next flush: {}", batch.size(),
                    e.toString());
        }
    }

    private void updateShare() {
        try {
            Double share = store.total().p2pShare();
            flushedShare = share == null ? Double.NaN : share;
        } catch (RuntimeException e) {
            log.warn("Could not read the stored traffic totals: {}", e.toString());
        }
    }

    private void prune(Instant now) {
        try {
            store.prune(bucketOf(now.minus(properties.retention())));
            lastPrune = now;
        } catch (RuntimeException e) {
            log.warn("Could not prune old traffic buckets: {}", e.toString());
        }
    }

    /** Each episode's growth since the last reading; {@code advance} makes this reading the new reference. */
    private Map<Long, TrafficFigures> growth(TrafficCounters.Reading reading, boolean advance) {
        Map<Long, TrafficFigures> growth = new HashMap<>();
        differences(seed, reading.seed(), advance).forEach((episode, bytes) ->
                growth.merge(episode, new TrafficFigures(bytes, 0, 0, 0), TrafficFigures::plus));
        differences(webSeedBitTorrent, reading.webSeedBitTorrent(), advance).forEach((episode, bytes) ->
                growth.merge(episode, new TrafficFigures(0, bytes, 0, 0), TrafficFigures::plus));
        differences(webSeedPlain, reading.webSeedPlain(), advance).forEach((episode, bytes) ->
                growth.merge(episode, new TrafficFigures(0, 0, bytes, 0), TrafficFigures::plus));
        differences(fans, reading.fans(), advance).forEach((hash, bytes) -> {
            Long episode = episodes.get(hash);
            if (episode != null) { // the tracker tracks published hashes only; a hash never published has no episode
                growth.merge(episode, new TrafficFigures(0, 0, 0, bytes), TrafficFigures::plus);
            }
        });
        return growth;
    }

    private static <K> Map<K, Long> differences(CounterDifferences<K> counter, Map<K, Long> cumulative, boolean advance) {
        return advance ? counter.advance(cumulative) : counter.peek(cumulative);
    }
}
