package org.seedcast.network;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.nio.ByteBuffer;

/**
 * The key a per-address limit counts by: an IPv4 address, or the IPv6 /64 that one host usually
 * holds whole (a limit per IPv6 address would let one host use 2^64 of them). An IPv4-mapped IPv6
 * address counts as its IPv4 address, so a dual-stack socket does not give IPv4 clients a second
 * budget. Never 0, which callers may use for "not counted". IPv4 keys have bit 32 set, so they do not
 * meet a routable IPv6 network's.
 */
public final class AddressKeys {

    private AddressKeys() {
    }

    public static long of(InetAddress address) {
        if (address instanceof Inet4Address) {
            // an IPv4 address's hash code is its 32-bit value, as the tracker's Endpoint relies on too
            return ipv4(address.hashCode());
        }
        ByteBuffer bytes = ByteBuffer.wrap(address.getAddress());
        return ipv6(bytes.getLong(), bytes.getLong());
    }

    public static long ipv4(int address) {
        return 1L << 32 | address & 0xFFFF_FFFFL;
    }

    /** An IPv6 address as its two big-endian halves. */
    public static long ipv6(long high, long low) {
        if (high == 0 && low >>> 32 == 0xFFFFL) {
            return ipv4((int) low);
        }
        return high == 0 ? 1 : high;
    }
}
