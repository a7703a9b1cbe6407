package org.seedcast.torrent;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * A 20-byte BitTorrent info-hash: the SHA-1 of a v1 info dict, or the first 20 bytes of a v2
 * info dict's SHA-256 as trackers and the peer handshake use it
 * (<a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>).
 */
public final class InfoHash {

    public static final int LENGTH = 20;
    private static final HexFormat HEX = HexFormat.of();

    private final byte[] bytes;
    private final int hashCode;

    private InfoHash(byte[] bytes) {
        this.bytes = bytes;
        this.hashCode = Arrays.hashCode(bytes);
    }

    /** Copies exactly 20 bytes. */
    public static InfoHash of(byte[] bytes) {
        if (bytes.length != LENGTH) {
            throw new IllegalArgumentException("an info-hash has 20 bytes, not " + bytes.length);
        }
        return new InfoHash(bytes.clone());
    }

    /** The first 20 bytes of {@code bytes} from {@code offset}; used to truncate a v2 hash. */
    public static InfoHash of(byte[] bytes, int offset) {
        return new InfoHash(Arrays.copyOfRange(bytes, offset, offset + LENGTH));
    }

    /** Parses 40 hex digits, either case. */
    public static InfoHash fromHex(String hex) {
        if (hex == null || hex.length() != 2 * LENGTH) {
            throw new IllegalArgumentException("an info-hash is 40 hex digits");
        }
        try {
            return new InfoHash(HEX.parseHex(hex));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("an info-hash is 40 hex digits", e);
        }
    }

    /** A copy of the 20 bytes. */
    public byte[] toBytes() {
        return bytes.clone();
    }

    /** The byte at {@code index}, for callers that must not copy on a hot path. */
    public byte byteAt(int index) {
        return bytes[index];
    }

    /** Lower-case hex, 40 digits. */
    public String toHex() {
        return HEX.formatHex(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof InfoHash that && Arrays.equals(bytes, that.bytes);
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
