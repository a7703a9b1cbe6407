package org.seedcast.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.seedcast.tracker.RequestCount;
import org.seedcast.tracker.Tracker;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Announces per second by transport and outcome over the last hour, for the overview's chart:
 * every {@value #STEP_SECONDS} seconds the tracker's cumulative request counts are read and the
 * difference from the previous reading is kept, up to an hour of samples. Reading the counters
 * costs a few dozen atomic loads; nothing touches the peer store.
 */
@Component
class TrackerLoad {

    static final int STEP_SECONDS = 10;
    private static final int SAMPLES = 3600 / STEP_SECONDS;

    private final Tracker tracker;
    private final Clock clock;
    private final ArrayDeque<Sample> samples = new ArrayDeque<>();
    private Map<String, Long> previous;

    TrackerLoad(Tracker tracker, Clock clock) {
        this.tracker = tracker;
        this.clock = clock;
    }

    @Scheduled(fixedRate = STEP_SECONDS * 1000L)
    synchronized void sample() {
        Map<String, Long> now = announceCounts();
        if (previous != null) {
            Map<String, Double> rates = new TreeMap<>();
            now.forEach((series, count) -> {
                long delta = count - previous.getOrDefault(series, 0L);
                rates.put(series, delta / (double) STEP_SECONDS);
            });
            samples.addLast(new Sample(Instant.now(clock), rates));
            while (samples.size() > SAMPLES) {
                samples.removeFirst();
            }
        }
        previous = now;
    }

    /** Samples oldest first; each maps {@code transport/outcome} (e.g. {@code udp/ok}) to announces per second. */
    synchronized List<Sample> samples() {
        return new ArrayList<>(samples);
    }

    private Map<String, Long> announceCounts() {
        Map<String, Long> counts = new HashMap<>();
        for (RequestCount c : tracker.requestCounts()) {
            if (c.kind().equals("announce")) {
                counts.merge(c.transport() + "/" + c.outcome(), c.count(), Long::sum);
            }
        }
        return counts;
    }

    record Sample(Instant at, Map<String, Double> perSecond) {
    }
}
