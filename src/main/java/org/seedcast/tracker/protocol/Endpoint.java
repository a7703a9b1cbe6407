package org.seedcast.tracker.protocol;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;

import org.seedcast.network.AddressKeys;

/**
 * A peer's address and port as numbers: IPv4 in the low 32 bits of {@code low}, IPv6 in
 * {@code high} and {@code low}. IPv4-mapped IPv6 addresses are normalised to IPv4.
 */
public record Endpoint(boolean ipv6, long high, long low, int port) {

    public static Endpoint of(InetSocketAddress address) {
        return of(address.getAddress(), address.getPort());
    }

    public static Endpoint of(InetAddress address, int port) {
        if (address instanceof Inet4Address) {
            // an IPv4 address's hash code is its 32-bit value (as in every JDK; EndpointTests pins
            // it): no copy of the address bytes per datagram
            return ipv4(address.hashCode(), port);
        }
        return of(address.getAddress(), port);
    }

    /** From 4 or 16 raw address bytes. */
    public static Endpoint of(byte[] a, int port) {
        if (a.length == 4) {
            return ipv4(ByteBuffer.wrap(a).getInt(), port);
        }
        ByteBuffer b = ByteBuffer.wrap(a);
        return ipv6(b.getLong(), b.getLong(), port);
    }

    /** An IPv6 address as two big-endian halves; an IPv4-mapped one becomes IPv4. */
    public static Endpoint ipv6(long high, long low, int port) {
        if (high == 0 && (low >>> 32) == 0xFFFFL) {
            return ipv4((int) low, port);
        }
        return new Endpoint(true, high, low, port);
    }

    public static Endpoint ipv4(int address, int port) {
        return new Endpoint(false, 0, address & 0xFFFF_FFFFL, port);
    }

    /** The same address with another port. */
    public Endpoint withPort(int newPort) {
        return new Endpoint(ipv6, high, low, newPort);
    }

    /** The key per-address limits count by ({@link AddressKeys}): never 0. */
    public long addressKey() {
        return ipv6 ? AddressKeys.ipv6(high, low) : AddressKeys.ipv4((int) low);
    }

    public InetAddress toInetAddress() {
        try {
            if (!ipv6) {
                return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt((int) low).array());
            }
            return InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(high).putLong(low).array());
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The address alone, as text: {@code 192.0.2.1} or {@code 2001:db8::1}. */
    public String addressText() {
        InetAddress a = toInetAddress();
        return a instanceof Inet4Address ? a.getHostAddress() : a.getHostAddress().replaceAll("%.*$", "");
    }

    @Override
    public String toString() {
        return ipv6 ? "[" + addressText() + "]:" + port : addressText() + ":" + port;
    }
}
