package org.seedcast.traffic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.springframework.stereotype.Component;

/**
 * The traffic module's read model for the pages and the API: what went where, per episode and over
 * all of them, since accounting began and bucket by bucket over the {@link #CHART_WINDOW}. Figures
 * are current: what the database holds plus what the counters gained since the last flush.
 */
@Component
public class TrafficReport {

    /** How far back the charts go. */
    public static final Duration CHART_WINDOW = Duration.ofDays(7);

    private final TrafficLedger ledger;
    private final TrafficStore store;
    private final TrafficProperties properties;
    private final Clock clock;

    TrafficReport(TrafficLedger ledger, TrafficStore store, TrafficProperties properties, Clock clock) {
        this.ledger = ledger;
        this.store = store;
        this.properties = properties;
        this.clock = clock;
    }

    /** Every episode's bytes added up, since accounting began. */
    public TrafficFigures overall() {
        return ledger.withUnflushed(unflushed -> unflushed.values().stream().reduce(store.total(), TrafficFigures::plus));
    }

    /** Each episode's bytes since accounting began; an episode without traffic maps to {@link TrafficFigures#NONE}. */
    public Map<Long, TrafficFigures> byEpisode(Collection<Long> episodeIds) {
        Set<Long> wanted = new HashSet<>(episodeIds);
        return ledger.withUnflushed(unflushed -> {
            Map<Long, TrafficFigures> figures = new HashMap<>(store.totals(wanted));
            unflushed.forEach((key, f) -> {
                if (wanted.contains(key.episodeId())) {
                    figures.merge(key.episodeId(), f, TrafficFigures::plus);
                }
            });
            wanted.forEach(id -> figures.putIfAbsent(id, TrafficFigures.NONE));
            return figures;
        });
    }

    /** One episode's bytes since accounting began. */
    public TrafficFigures episode(long episodeId) {
        return byEpisode(List.of(episodeId)).get(episodeId);
    }

    /** All episodes' buckets over the chart window, oldest first, empty buckets included. */
    public List<TrafficBucket> history() {
        return history(null);
    }

    /** These episodes' buckets, added up, over the chart window, oldest first, empty buckets included. */
    public List<TrafficBucket> history(Collection<Long> episodeIds) {
        Instant now = clock.instant();
        Instant from = ledger.bucketOf(now.minus(CHART_WINDOW));
        Set<Long> wanted = episodeIds == null ? null : new HashSet<>(episodeIds);
        Map<Instant, TrafficFigures> buckets = ledger.withUnflushed(unflushed -> {
            Map<Instant, TrafficFigures> found = new TreeMap<>();
            store.history(from, wanted).forEach(b -> found.put(b.start(), b.figures()));
            unflushed.forEach((key, f) -> {
                if ((wanted == null || wanted.contains(key.episodeId())) && !key.bucket().isBefore(from)) {
                    found.merge(key.bucket(), f, TrafficFigures::plus);
                }
            });
            return found;
        });
        return filled(buckets, ledger.bucketOf(now));
    }

    /** The width of a bucket. */
    public Duration bucket() {
        return properties.bucket();
    }

    /** From the first bucket with bytes to the current one, with the quiet buckets between them at zero. */
    private List<TrafficBucket> filled(Map<Instant, TrafficFigures> buckets, Instant current) {
        List<TrafficBucket> filled = new ArrayList<>();
        if (buckets.isEmpty()) {
            return filled;
        }
        Instant first = buckets.keySet().iterator().next();
        for (Instant at = first; !at.isAfter(current); at = at.plus(properties.bucket())) {
            filled.add(new TrafficBucket(at, buckets.getOrDefault(at, TrafficFigures.NONE)));
        }
        return filled;
    }
}
