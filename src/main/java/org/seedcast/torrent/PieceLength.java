package org.seedcast.torrent;

/**
 * Piece lengths: a power of two from 16 KiB (the v2 block, BEP 52) to 16 MiB. The automatic
 * choice aims at 1,000 to 2,000 pieces, as WebTorrent and mktorrent master do.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
public final class PieceLength {

    public static final int MIN = 16 * 1024;
    public static final int MAX = 16 * 1024 * 1024;
    private static final long MAX_PIECES = 2_000;

    private PieceLength() {
    }

    /** The smallest power of two in [16 KiB, 16 MiB] giving at most 2,000 pieces. */
    public static int forFileLength(long fileLength) {
        int length = MIN;
        while (length < MAX && ceilDiv(fileLength, length) > MAX_PIECES) {
            length <<= 1;
        }
        return length;
    }

    /** Returns {@code length} when it is a power of two in [16 KiB, 16 MiB]. */
    public static int check(int length) {
        if (length < MIN || length > MAX || Integer.bitCount(length) != 1) {
            throw new IllegalArgumentException(
                    "a piece length is a power of two from 16 KiB to 16 MiB, not " + length);
        }
        return length;
    }

    static long ceilDiv(long dividend, long divisor) {
        return (dividend + divisor - 1) / divisor;
    }
}
