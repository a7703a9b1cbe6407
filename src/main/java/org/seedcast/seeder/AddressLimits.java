package org.seedcast.seeder;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per source address, by its {@link org.seedcast.network.AddressKeys key}: an IPv4
 * address, or the IPv6 /64 one host usually holds whole. Entries go away with their last connection,
 * so the map holds only addresses connected now.
 */
final class AddressLimits {

    private final int limit;
    private final Map<Long, Integer> open = new ConcurrentHashMap<>();

    AddressLimits(int limit) {
        this.limit = limit;
    }

    /** Counts a new connection; false when the address already has its limit open. */
    boolean open(long key) {
        boolean[] admitted = {false};
        open.compute(key, (k, n) -> {
            int current = n == null ? 0 : n;
            if (current >= limit) {
                return n;
            }
            admitted[0] = true;
            return current + 1;
        });
        return admitted[0];
    }

    /** Releases a connection counted by a successful {@link #open}. */
    void close(long key) {
        open.computeIfPresent(key, (k, n) -> n <= 1 ? null : n - 1);
    }
}
