package org.seedcast.tracker.swarm;

import java.util.Optional;
import org.seedcast.tracker.protocol.Endpoint;

/**
 * The publisher's own seed as the tracker lists it in the peer list of every swarm it serves: at
 * most one IPv4 and one IPv6 endpoint, each kept in compact form (BEP 23: 6 bytes; BEP 7: 18
 * bytes) so that listing it copies a few bytes and allocates nothing. Resolved once, at start.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0023.html">BEP 23</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0007.html">BEP 7</a>
 */
public final class SeedPeer {

    /** No seed listed: the seed is off, or its host could not be resolved. */
    public static final SeedPeer NONE = new SeedPeer(null, null);

    private final Endpoint v4;
    private final Endpoint v6;
    private final byte[] compact4 = new byte[6];
    private final byte[] compact6 = new byte[18];
    /** The IPv4 endpoint as {@link SwarmStore} keys peers: {@code address << 16 | port}; 0 without one. */
    private final long key4;

    private SeedPeer(Endpoint v4, Endpoint v6) {
        this.v4 = v4;
        this.v6 = v6;
        if (v4 != null) {
            key4 = v4.low() << 16 | v4.port();
            for (int i = 0; i < 6; i++) {
                compact4[i] = (byte) (key4 >>> (40 - 8 * i));
            }
        } else {
            key4 = 0;
        }
        if (v6 != null) {
            for (int i = 0; i < 8; i++) {
                compact6[i] = (byte) (v6.high() >>> (56 - 8 * i));
                compact6[8 + i] = (byte) (v6.low() >>> (56 - 8 * i));
            }
            compact6[16] = (byte) (v6.port() >>> 8);
            compact6[17] = (byte) v6.port();
        }
    }

    /**
     * The seed at these endpoints, either of which may be {@code null}.
     *
     * @throws IllegalArgumentException if {@code v4} is not IPv4, {@code v6} not IPv6, or a port is not 1 to 65535
     */
    public static SeedPeer of(Endpoint v4, Endpoint v6) {
        if (v4 == null && v6 == null) {
            return NONE;
        }
        if ((v4 != null && (v4.ipv6() || v4.port() < 1 || v4.port() > 65535))
                || (v6 != null && (!v6.ipv6() || v6.port() < 1 || v6.port() > 65535))) {
            throw new IllegalArgumentException("a seed needs an IPv4 and an IPv6 endpoint with ports 1 to 65535: "
                    + v4 + ", " + v6);
        }
        return new SeedPeer(v4, v6);
    }

    /** Whether the tracker lists a seed at all. */
    public boolean listed() {
        return v4 != null || v6 != null;
    }

    public Optional<Endpoint> ipv4() {
        return Optional.ofNullable(v4);
    }

    public Optional<Endpoint> ipv6() {
        return Optional.ofNullable(v6);
    }

    /** Whether the peer keyed {@code a, b, c} (as {@link SwarmStore} keys them) is the seed itself. */
    boolean is(boolean ipv6, long a, long b, long c) {
        return ipv6 ? v6 != null && a == v6.high() && b == v6.low() && c == v6.port() : v4 != null && a == key4;
    }

    /** Writes the IPv4 endpoint as the first compact peer of {@code out}; returns the peers written (0 or 1). */
    int writeV4(byte[] out) {
        if (v4 == null) {
            return 0;
        }
        System.arraycopy(compact4, 0, out, 0, 6);
        return 1;
    }

    /** Writes the IPv6 endpoint as the first compact peer of {@code out}; returns the peers written (0 or 1). */
    int writeV6(byte[] out) {
        if (v6 == null) {
            return 0;
        }
        System.arraycopy(compact6, 0, out, 0, 18);
        return 1;
    }

    @Override
    public String toString() {
        return v4 == null ? v6 == null ? "none" : v6.toString() : v6 == null ? v4.toString() : v4 + " and " + v6;
    }
}
