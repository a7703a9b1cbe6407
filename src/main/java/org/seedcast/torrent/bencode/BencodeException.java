package org.seedcast.torrent.bencode;

/**
 * Input is not strict bencode: the message says what is wrong and at which byte offset.
 * The decoder throws nothing else, whatever bytes it is handed.
 */
public final class BencodeException extends RuntimeException {

    private final long offset;

    public BencodeException(String problem, long offset) {
        super(problem + " at byte " + offset);
        this.offset = offset;
    }

    /** The offset of the offending byte in the input. */
    public long offset() {
        return offset;
    }
}
