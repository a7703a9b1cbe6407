package org.seedcast.tracker.swarm;

import java.util.ArrayList;
import java.util.List;

/**
 * A swarm's last minutes in one flat int array (minute, seeders, leechers, announces, completed
 * per slot): a fixed 1.2 KB for an hour, however busy the swarm, and no object per sample.
 * Not thread-safe: the shard lock guards it.
 */
final class MinuteRing {

    static final int FIELDS = 5;

    private final int[] slots;
    private final int size;
    private int next;
    private int count;

    MinuteRing(int size) {
        this.size = size;
        this.slots = new int[size * FIELDS];
    }

    void add(int epochMinute, int seeders, int leechers, int announces, int completed) {
        int base = next * FIELDS;
        slots[base] = epochMinute;
        slots[base + 1] = seeders;
        slots[base + 2] = leechers;
        slots[base + 3] = announces;
        slots[base + 4] = completed;
        next = (next + 1) % size;
        count = Math.min(count + 1, size);
    }

    /** Oldest first. */
    List<SwarmMinute> samples() {
        List<SwarmMinute> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int base = ((next - count + i + size) % size) * FIELDS;
            out.add(new SwarmMinute(slots[base], slots[base + 1], slots[base + 2], slots[base + 3], slots[base + 4]));
        }
        return out;
    }

    long heapBytes() {
        return 32 + 16 + 4L * slots.length;
    }
}
