package org.seedcast.torrent;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A v2 info-hash: the SHA-256 of a v2 or hybrid info dict, 32 bytes (BEP 52). Trackers and the
 * peer handshake use its first 20 bytes, {@link #truncated()}; magnet links carry it whole as a
 * SHA-256 multihash, {@code 1220<64 hex>}.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
public final class InfoHashV2 {

    public static final int LENGTH = 32;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hashCode;

    private InfoHashV2(byte[] bytes) {
        this.bytes = bytes;
        this.hashCode = Arrays.hashCode(bytes);
    }

    /** Copies exactly 32 bytes. */
    public static InfoHashV2 of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("a v2 info-hash has 32 bytes, not " + bytes.length);
        }
        return new InfoHashV2(bytes.clone());
    }

    /** Parses 64 hex digits, either case. */
    public static InfoHashV2 fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("a v2 info-hash is 64 hex digits");
        }
        try {
            return new InfoHashV2(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("a v2 info-hash is 64 hex digits", e);
        }
    }

    /** The first 20 bytes, as trackers and the handshake know the torrent. */
    public InfoHash truncated() {
        return InfoHash.of(bytes, 0);
    }

    /** A copy of the 32 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** Lower-case hex, 64 digits. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    /** The multihash form for {@code urn:btmh:}: 0x12 (SHA-256), 0x20 (32 bytes), the hash. */
    public String toMultihashHex() {
        return "1220" + toHex();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InfoHashV2 that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return hashCode;
    }

    @Override
    public String toString() {
        return toHex();
    }
}
