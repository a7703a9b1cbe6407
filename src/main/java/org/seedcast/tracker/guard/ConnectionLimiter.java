package org.seedcast.tracker.guard;

import java.util.concurrent.atomic.AtomicIntegerArray;

/**
 * Open TCP connections per source address, counted in a fixed array of counters indexed by a hash
 * of the address: bounded memory and no lock. Two addresses that share a counter share a limit,
 * which only ever makes the limit stricter, and rarely (65,536 counters).
 */
public final class ConnectionLimiter {

    private static final int COUNTERS = 1 << 16;

    private final AtomicIntegerArray open = new AtomicIntegerArray(COUNTERS);
    private final int limit;

    public ConnectionLimiter(int limit) {
        this.limit = limit;
    }

    /** Counts a new connection; false when the address already has {@code limit} open. */
    public boolean open(long addressKey) {
        int i = index(addressKey);
        if (open.incrementAndGet(i) > limit) {
            open.decrementAndGet(i);
            return false;
        }
        return true;
    }

    /** Releases a connection counted by a successful {@link #open}. */
    public void close(long addressKey) {
        open.decrementAndGet(index(addressKey));
    }

    private static int index(long key) {
        return (int) ((key * 0x9E3779B97F4A7C15L) >>> 48);
    }
}
