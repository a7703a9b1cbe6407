package org.seedcast.tracker.swarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.IntSupplier;
import org.seedcast.tracker.protocol.HashKey;

/**
 * The read side that admin pages, scrapes and gauges use, kept apart from the announce path so
 * that what a page shows can change without touching what an announce costs.
 */
final class SwarmViews {

    private final Shards shards;
    private final SeedPeer seed;
    private final IntSupplier clock;

    SwarmViews(Shards shards, SeedPeer seed, IntSupplier clock) {
        this.shards = shards;
        this.seed = seed;
        this.clock = clock;
    }

    /** Complete (with the publisher's seed), downloaded and incomplete into {@code counts} at {@code offset}. */
    void scrape(HashKey key, long[] counts, int offset) {
        Shard shard = shards.of(key);
        synchronized (shard) {
            Swarm swarm = shard.swarms.get(key);
            counts[offset] = (swarm == null ? 0 : swarm.seeders) + (seed.listed() ? 1 : 0);
            counts[offset + 1] = swarm == null ? 0 : swarm.completed;
            counts[offset + 2] = swarm == null ? 0 : swarm.leechers;
        }
    }

    List<SwarmSnapshot> snapshot() {
        List<SwarmSnapshot> all = new ArrayList<>();
        int now = clock.getAsInt();
        for (Shard shard : shards.all()) {
            synchronized (shard) {
                for (Swarm s : shard.swarms.values()) {
                    all.add(snapshot(s, now));
                }
            }
        }
        return all;
    }

    Optional<SwarmSnapshot> snapshot(HashKey key) {
        Shard shard = shards.of(key);
        int now = clock.getAsInt();
        synchronized (shard) {
            Swarm swarm = shard.swarms.get(key);
            return swarm == null ? Optional.empty() : Optional.of(snapshot(swarm, now));
        }
    }

    private static SwarmSnapshot snapshot(Swarm s, int now) {
        return new SwarmSnapshot(s.key, s.seeders, s.leechers, s.completed, s.announcesPerMinute,
                s.lastAnnounce == 0 ? -1 : Math.max(0, now - s.lastAnnounce));
    }

    List<SwarmMinute> history(HashKey key) {
        Shard shard = shards.of(key);
        synchronized (shard) {
            Swarm swarm = shard.swarms.get(key);
            return swarm == null || swarm.history == null ? List.of() : swarm.history.samples();
        }
    }

    int swarms() {
        int n = 0;
        for (Shard shard : shards.all()) {
            n += shard.swarms.size();
        }
        return n;
    }

    long seeders() {
        long n = 0;
        for (Shard shard : shards.all()) {
            n += shard.seeders;
        }
        return n;
    }

    long leechers() {
        long n = 0;
        for (Shard shard : shards.all()) {
            n += shard.leechers;
        }
        return n;
    }

    long estimatedHeapBytes() {
        long bytes = 0;
        for (Shard shard : shards.all()) {
            synchronized (shard) {
                for (Swarm s : shard.swarms.values()) {
                    bytes += s.heapBytes() + 32 + 48 + 8; // HashMap node, HashKey, table slot
                }
            }
        }
        return bytes;
    }
}
