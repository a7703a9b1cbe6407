package org.seedcast.tracker.guard;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import org.seedcast.tracker.protocol.AddressLiteral;

/**
 * An IPv4 or IPv6 network, {@code 192.0.2.0/24} or {@code 2001:db8::/32}; a bare address is a
 * single-host network. Only literals: a name is an error, never looked up. Held as the first and last address, 128-bit values in two longs (IPv4 in
 * the low 32 bits with {@code ipv6} false).
 */
public record Cidr(String text, boolean ipv6, long firstHigh, long firstLow, long lastHigh, long lastLow) {

    /**
     * @throws IllegalArgumentException for anything but a literal address with an optional prefix
     */
    public static Cidr parse(String text) {
        String t = text.strip();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        byte[] bytes = AddressLiteral.parse(address); // never a name lookup
        if (bytes == null) {
            throw new IllegalArgumentException("not an IP address or CIDR: " + text);
        }
        int bits = bytes.length * 8;
        int prefix = bits;
        if (slash >= 0) {
            try {
                prefix = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("bad prefix length in " + text, e);
            }
            if (prefix < 0 || prefix > bits) {
                throw new IllegalArgumentException("prefix length must be 0 to " + bits + " in " + text);
            }
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        long high = bytes.length == 16 ? b.getLong() : 0;
        long low = bytes.length == 16 ? b.getLong() : b.getInt() & 0xFFFF_FFFFL;
        int hostBits = bits - prefix;
        long maskHigh = hostBits >= 64 ? hostBits >= 128 ? -1L : (1L << (hostBits - 64)) - 1 : 0;
        long maskLow = hostBits >= 64 ? -1L : (1L << hostBits) - 1;
        if (bytes.length == 4) {
            maskLow &= 0xFFFF_FFFFL;
        }
        String canonical = firstAddressText(bytes.length, high & ~maskHigh, low & ~maskLow) + "/" + prefix;
        return new Cidr(canonical, bytes.length == 16, high & ~maskHigh, low & ~maskLow,
                high | maskHigh, low | maskLow);
    }

    @Override
    public String toString() {
        return text;
    }

    /** Canonical text of a network's first address. */
    private static String firstAddressText(int length, long high, long low) {
        try {
            byte[] a = length == 4
                    ? ByteBuffer.allocate(4).putInt((int) low).array()
                    : ByteBuffer.allocate(16).putLong(high).putLong(low).array();
            return InetAddress.getByAddress(a).getHostAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
