package org.seedcast.tracker.swarm;

import java.util.HashMap;
import java.util.Map;
import org.seedcast.tracker.protocol.HashKey;

/**
 * What the tracker's flushes move between the swarms and the database: completions not stored yet,
 * fans' bytes, and the stored counts restored at start. In a cluster each member writes only what
 * it answered, so each completion and byte is stored once.
 */
final class SwarmTallies {

    private final Shards shards;

    SwarmTallies(Shards shards) {
        this.shards = shards;
    }

    Map<HashKey, Long> downloaded() {
        Map<HashKey, Long> all = new HashMap<>();
        for (Shard shard : shards.all()) {
            synchronized (shard) {
                for (Swarm s : shard.swarms.values()) {
                    if (s.downloaded > 0) {
                        all.put(s.key, s.downloaded);
                    }
                }
            }
        }
        return all;
    }

    Map<HashKey, Long> unflushedCompleted() {
        Map<HashKey, Long> changed = new HashMap<>();
        for (Shard shard : shards.all()) {
            synchronized (shard) {
                for (Swarm s : shard.swarms.values()) {
                    if (s.unflushedCompleted != 0) {
                        changed.put(s.key, s.unflushedCompleted);
                    }
                }
            }
        }
        return changed;
    }

    void markFlushed(Map<HashKey, Long> flushed) {
        flushed.forEach((key, added) -> {
            Shard shard = shards.of(key);
            synchronized (shard) {
                Swarm s = shard.swarms.get(key);
                if (s != null) {
                    s.unflushedCompleted -= Math.min(added, s.unflushedCompleted);
                }
            }
        });
    }

    void restoreCompleted(HashKey key, long completed) {
        Shard shard = shards.of(key);
        synchronized (shard) {
            Swarm swarm = shards.swarm(shard, key);
            swarm.completed += completed;
            swarm.completedAtLastMinute += completed; // restored downloads are not this minute's
        }
    }
}
