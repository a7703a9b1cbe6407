package org.seedcast.torrent.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Optional;

/**
 * A bencoded byte string, {@code <length>:<bytes>}. Strings order by unsigned raw bytes, the
 * order of dictionary keys in BEP 3, which differs from {@link String#compareTo} outside ASCII.
 */
public final class BString implements BValue, Comparable<BString> {

    private final byte[] bytes;
    private final Span span;

    BString(byte[] bytes, Span span) {
        this.bytes = bytes;
        this.span = span;
    }

    /** Copies the bytes. */
    public static BString of(byte[] bytes) {
        return new BString(bytes.clone(), null);
    }

    /** The UTF-8 bytes of {@code text}. */
    public static BString of(String text) {
        return new BString(text.getBytes(StandardCharsets.UTF_8), null);
    }

    /** A copy of the bytes. */
    public byte[] bytes() {
        return bytes.clone();
    }

    public int length() {
        return bytes.length;
    }

    /** The bytes read as UTF-8 (malformed sequences become U+FFFD). */
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Override
    public Optional<Span> span() {
        return Optional.ofNullable(span);
    }

    @Override
    public int compareTo(BString other) {
        return Arrays.compareUnsigned(bytes, other.bytes);
    }

    /** Writes the bytes without a defensive copy; the encoder's path. */
    void writeTo(ByteArrayOutputStream out) {
        out.write(bytes, 0, bytes.length);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BString that && Arrays.equals(bytes, that.bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        boolean printable = true;
        for (byte b : bytes) {
            printable &= b >= 0x20 && b < 0x7f;
        }
        return printable ? '"' + text() + '"' : "0x" + HexFormat.of().formatHex(bytes);
    }
}
