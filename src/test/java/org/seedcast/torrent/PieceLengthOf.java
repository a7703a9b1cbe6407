package org.seedcast.torrent;

/** Prints the automatic piece length for a file length, for shell scripts in {@code bench/}. */
public final class PieceLengthOf {

    private PieceLengthOf() {
    }

    public static void main(String[] args) {
        System.out.println(PieceLength.forFileLength(Long.parseLong(args[0])));
    }
}
