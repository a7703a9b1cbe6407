package org.seedcast.seeder;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.springframework.stereotype.Component;

/**
 * Bytes of piece data our seed has sent, per episode, since the process started. The seeder's
 * event loops add to it; whoever reports traffic reads cumulative snapshots and takes differences.
 */
@Component
public class SeedTraffic {

    private final Map<Long, LongAdder> sent = new ConcurrentHashMap<>();

    void add(long episodeId, long bytes) {
        sent.computeIfAbsent(episodeId, id -> new LongAdder()).add(bytes);
    }

    /** Bytes sent per episode, cumulative since start. */
    public Map<Long, Long> sentByEpisode() {
        Map<Long, Long> copy = new HashMap<>();
        sent.forEach((episode, bytes) -> copy.put(episode, bytes.sum()));
        return copy;
    }
}
