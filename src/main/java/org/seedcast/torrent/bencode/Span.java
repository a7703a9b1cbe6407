package org.seedcast.torrent.bencode;

import java.util.Arrays;

/**
 * Where a decoded value stands in its input: {@code length} bytes from {@code offset}.
 *
 * @param offset the offset of the value's first byte
 * @param length the number of bytes of its encoding
 */
public record Span(int offset, int length) {

    /** The exact bytes of the value, copied out of the input it was decoded from. */
    public byte[] copyFrom(byte[] input) {
        return Arrays.copyOfRange(input, offset, offset + length);
    }
}
