package org.seedcast.tracker.engine;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A ring of the last {@code size} per-minute samples, for the dashboard's charts. */
public final class TrafficHistory {

    /** One closed minute. */
    public record Sample(Instant minute, long announces, long scrapes, long refusals, long rateLimited,
                         int swarms, long seeders, long leechers, int unknownHashes) {
    }

    private final Sample[] ring;
    private int next;
    private int count;

    public TrafficHistory(int size) {
        ring = new Sample[size];
    }

    public synchronized void add(Sample sample) {
        ring[next] = sample;
        next = (next + 1) % ring.length;
        count = Math.min(count + 1, ring.length);
    }

    /** Oldest first. */
    public synchronized List<Sample> samples() {
        List<Sample> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(ring[(next - count + i + ring.length) % ring.length]);
        }
        return out;
    }
}
