package org.seedcast.tracker.swarm;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.seedcast.tracker.protocol.HashKey;

/**
 * Finds a torrent's shard and swarm, so that every part of the store splits the swarms the same way
 * (opentracker uses 1,024 buckets, aquatic one shard per worker) and creates them alike.
 */
final class Shards {

    static final int COUNT = 256;

    private final Shard[] all = new Shard[COUNT];
    /** Each tracked torrent's length, read when its swarm is created (rarely), never per announce. */
    private final Map<HashKey, Long> lengths = new ConcurrentHashMap<>();
    /** Made once: a lambda capturing {@code this} per announce would allocate. */
    private final Function<HashKey, Swarm> newSwarm = key -> new Swarm(key, lengths.getOrDefault(key, 0L));

    /** @param logChanges whether each shard logs the changes a cluster's other members need */
    Shards(boolean logChanges) {
        for (int i = 0; i < COUNT; i++) {
            all[i] = new Shard(logChanges ? new ChangeLog() : null);
        }
    }

    /** The shard that owns {@code key}: by its first byte, which a SHA-1 or SHA-256 spreads evenly. */
    Shard of(HashKey key) {
        return all[(int) (key.high() >>> 56) & (COUNT - 1)];
    }

    /** Every shard, for the passes that take one shard lock at a time; not to be modified. */
    Shard[] all() {
        return all;
    }

    boolean logChanges() {
        return all[0].changes != null;
    }

    /** {@code key}'s swarm in {@code shard}, created if absent; the caller holds the shard's lock. */
    Swarm swarm(Shard shard, HashKey key) {
        return shard.swarms.computeIfAbsent(key, newSwarm);
    }

    /**
     * Records tracked torrents' lengths, for the swarms created later and those that exist; takes a
     * shard lock only for a length that changed.
     */
    void lengths(Map<HashKey, Long> byHash) {
        byHash.forEach((key, length) -> {
            if (length != null && length > 0 && !length.equals(lengths.put(key, length))) {
                Shard shard = of(key);
                synchronized (shard) {
                    Swarm swarm = shard.swarms.get(key);
                    if (swarm != null) {
                        swarm.length = length;
                    }
                }
            }
        });
    }

    /** Drops {@code key}'s swarm and length; returns the swarm, or {@code null}. */
    Swarm remove(HashKey key) {
        lengths.remove(key);
        Shard shard = of(key);
        synchronized (shard) {
            Swarm swarm = shard.swarms.remove(key);
            if (swarm != null) {
                shard.seeders -= swarm.seeders;
                shard.leechers -= swarm.leechers;
            }
            return swarm;
        }
    }
}
