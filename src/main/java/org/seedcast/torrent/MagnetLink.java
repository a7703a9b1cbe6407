package org.seedcast.torrent;

import java.net.Inet6Address;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A magnet link for a torrent (BEP 9): {@code xt=urn:btih:<40 hex>} and, for a hybrid, also
 * {@code xt=urn:btmh:1220<64 hex>} (BEP 52); {@code dn} the name, {@code xl} the length,
 * {@code tr} each tracker and {@code ws} each web seed (BEP 19), every value percent-encoded;
 * optionally {@code x.pe} peers to contact directly (BEP 9), which make a magnet start without a
 * tracker. Magnets are derived: adding peers changes no .torrent and no info-hash.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0009.html">BEP 9</a>
 */
public final class MagnetLink {

    private final String link;

    private MagnetLink(String link) {
        this.link = link;
    }

    public static MagnetLink of(Torrent torrent) {
        StringBuilder link = new StringBuilder("magnet:?xt=urn:btih:").append(torrent.infoHash().toHex());
        torrent.infoHashV2().ifPresent(v2 -> link.append("&xt=urn:btmh:").append(v2.toMultihashHex()));
        link.append("&dn=").append(encode(torrent.name()));
        link.append("&xl=").append(torrent.length());
        torrent.trackers().forEach(tracker -> link.append("&tr=").append(encode(tracker.toString())));
        torrent.webSeeds().forEach(seed -> link.append("&ws=").append(encode(seed.toString())));
        return new MagnetLink(link.toString());
    }

    /**
     * This link with {@code x.pe=HOST:PORT} added (BEP 9: {@code hostname:port},
     * {@code ipv4-literal:port} or {@code [ipv6-literal]:port}). The colon and brackets stay
     * literal, as RFC 3986 allows in a query: libtorrent (2.0.8) takes {@code x.pe} without
     * decoding it, so {@code %3A} or {@code %5B} would lose the peer. libtorrent also ignores a
     * host name there, so a caller wanting it to connect adds the address literals too.
     *
     * @param peer a literal address or an unresolved host name, with a port 1 to 65535
     * @throws IllegalArgumentException for port 0
     */
    public MagnetLink withPeer(InetSocketAddress peer) {
        if (peer.getPort() == 0) {
            throw new IllegalArgumentException("a magnet's x.pe peer needs a port: " + peer);
        }
        String host = peer.isUnresolved() ? peer.getHostString()
                : peer.getAddress() instanceof Inet6Address v6 ? shortest(v6) : peer.getAddress().getHostAddress();
        String authority = host.contains(":") ? "[" + host + "]" : encode(host);
        return new MagnetLink(link + "&x.pe=" + authority + ":" + peer.getPort());
    }

    /**
     * RFC 5952 text of an IPv6 address: groups without leading zeros, the longest run of two or
     * more zero groups as {@code ::}; no scope id, which means nothing off this machine.
     */
    static String shortest(Inet6Address address) {
        byte[] a = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = (a[2 * i] & 0xFF) << 8 | a[2 * i + 1] & 0xFF;
        }
        int bestStart = -1;
        int bestLength = 1;
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                text.append("::");
                i += bestLength - 1;
                continue;
            }
            if (!text.isEmpty() && text.charAt(text.length() - 1) != ':') {
                text.append(':');
            }
            text.append(Integer.toHexString(groups[i]));
        }
        return text.toString();
    }

    /** Percent-encodes every UTF-8 byte outside RFC 3986's unreserved set. */
    static String encode(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(StandardCharsets.UTF_8)) {
            if (isUnreserved(b)) {
                out.append((char) b);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit((b >> 4) & 0xf, 16)))
                        .append(Character.toUpperCase(Character.forDigit(b & 0xf, 16)));
            }
        }
        return out.toString();
    }

    private static boolean isUnreserved(byte b) {
        return (b >= 'a' && b <= 'z') || (b >= 'A' && b <= 'Z') || (b >= '0' && b <= '9')
                || b == '-' || b == '.' || b == '_' || b == '~';
    }

    public URI toUri() {
        return URI.create(link);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof MagnetLink that && link.equals(that.link);
    }

    @Override
    public int hashCode() {
        return link.hashCode();
    }

    @Override
    public String toString() {
        return link;
    }
}
