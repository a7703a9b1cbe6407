package org.seedcast.torrent;

import java.net.URI;
import java.nio.charset.StandardCharsets;

/**
 * A magnet link for a torrent (BEP 9): {@code xt=urn:btih:<40 hex>} and, for a hybrid, also
 * {@code xt=urn:btmh:1220<64 hex>} (BEP 52); {@code dn} the name, {@code xl} the length,
 * {@code tr} each tracker and {@code ws} each web seed (BEP 19), every value percent-encoded.
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
