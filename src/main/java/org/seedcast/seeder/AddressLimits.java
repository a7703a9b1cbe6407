package org.seedcast.seeder;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Open connections per source address: an IPv4 address, or the IPv6 /64 one host usually holds
 * whole. Entries go away with their last connection, so the map holds only addresses connected now.
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

    static long key(InetAddress address) {
        byte[] a = address.getAddress();
        if (address instanceof Inet4Address) {
            return (1L << 32) | (ByteBuffer.wrap(a).getInt() & 0xFFFF_FFFFL);
        }
        boolean mapped = a.length == 16 && ByteBuffer.wrap(a).getLong() == 0 && ByteBuffer.wrap(a, 8, 4).getInt() == 0xFFFF;
        return mapped ? (1L << 32) | (ByteBuffer.wrap(a, 12, 4).getInt() & 0xFFFF_FFFFL) : ByteBuffer.wrap(a).getLong();
    }
}
