package org.seedcast.seeder;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The little bencode (BEP 3) the peer wire needs: finding a key's value inside a dictionary without
 * building a tree, and writing the few small dictionaries the seed sends (BEP 9, BEP 10). Lenient
 * where the torrent module's decoder is strict on purpose: a peer's extension messages are read for
 * two or three keys, and a client that writes its keys out of order is still served, while a
 * malformed message (truncated, too deep) is refused with an {@link IllegalArgumentException}.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html#bencoding">BEP 3, bencoding</a>
 */
final class PeerBencode {

    private static final int MAX_DEPTH = 32;

    private PeerBencode() {
    }

    /** Where the value starting at {@code at} ends (exclusive). */
    static int end(byte[] b, int at) {
        return end(b, at, 0);
    }

    private static int end(byte[] b, int at, int depth) {
        if (depth > MAX_DEPTH) {
            throw new IllegalArgumentException("bencode nested too deep");
        }
        byte c = byteAt(b, at);
        if (c == 'i') {
            return indexOf(b, 'e', at + 1) + 1;
        }
        if (c == 'l' || c == 'd') {
            int p = at + 1;
            while (byteAt(b, p) != 'e') {
                p = end(b, p, depth + 1);
            }
            return p + 1;
        }
        if (c >= '0' && c <= '9') {
            int colon = indexOf(b, ':', at);
            long length = Long.parseLong(new String(b, at, colon - at, StandardCharsets.US_ASCII));
            if (length < 0 || length > b.length - colon - 1) {
                throw new IllegalArgumentException("bencode string longer than its message");
            }
            return colon + 1 + (int) length;
        }
        throw new IllegalArgumentException("not a bencode value at byte " + at);
    }

    /**
     * Where the value of {@code key} starts in the dictionary starting at {@code dict}, or -1 when the
     * dictionary has no such key.
     */
    static int find(byte[] b, int dict, String key) {
        if (byteAt(b, dict) != 'd') {
            throw new IllegalArgumentException("not a bencode dictionary at byte " + dict);
        }
        byte[] wanted = key.getBytes(StandardCharsets.UTF_8);
        int p = dict + 1;
        while (byteAt(b, p) != 'e') {
            int keyEnd = end(b, p);
            int value = keyEnd;
            int colon = indexOf(b, ':', p);
            if (keyEnd - colon - 1 == wanted.length
                    && java.util.Arrays.equals(b, colon + 1, keyEnd, wanted, 0, wanted.length)) {
                return value;
            }
            p = end(b, value);
        }
        return -1;
    }

    /** The integer starting at {@code at}. */
    static long integer(byte[] b, int at) {
        if (byteAt(b, at) != 'i') {
            throw new IllegalArgumentException("not a bencode integer at byte " + at);
        }
        int e = indexOf(b, 'e', at + 1);
        try {
            return Long.parseLong(new String(b, at + 1, e - at - 1, StandardCharsets.US_ASCII));
        } catch (NumberFormatException ex) {
            throw new IllegalArgumentException("bad bencode integer at byte " + at, ex);
        }
    }

    /** The integer value of {@code key} in the dictionary at {@code dict}, or {@code otherwise}. */
    static long integer(byte[] b, int dict, String key, long otherwise) {
        int at = find(b, dict, key);
        return at < 0 || byteAt(b, at) != 'i' ? otherwise : integer(b, at);
    }

    /** The bytes of the string starting at {@code at}. */
    static byte[] string(byte[] b, int at) {
        int colon = indexOf(b, ':', at);
        return java.util.Arrays.copyOfRange(b, colon + 1, end(b, at));
    }

    private static byte byteAt(byte[] b, int at) {
        if (at < 0 || at >= b.length) {
            throw new IllegalArgumentException("bencode truncated");
        }
        return b[at];
    }

    private static int indexOf(byte[] b, char c, int from) {
        for (int i = from; i < b.length; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        throw new IllegalArgumentException("bencode truncated");
    }

    /** Writes a dictionary; the caller adds keys in sorted order, as bencode requires. */
    static final class Writer {

        private final ByteArrayOutputStream out = new ByteArrayOutputStream(128);

        Writer() {
            out.write('d');
        }

        Writer integer(String key, long value) {
            key(key);
            out.writeBytes(("i" + value + "e").getBytes(StandardCharsets.US_ASCII));
            return this;
        }

        Writer string(String key, byte[] value) {
            key(key);
            bytes(value);
            return this;
        }

        /** A nested dictionary of integers, keys given sorted. */
        Writer integers(String key, String innerKey, long value) {
            key(key);
            out.write('d');
            key(innerKey);
            out.writeBytes(("i" + value + "e").getBytes(StandardCharsets.US_ASCII));
            out.write('e');
            return this;
        }

        byte[] end() {
            out.write('e');
            return out.toByteArray();
        }

        private void key(String key) {
            bytes(key.getBytes(StandardCharsets.UTF_8));
        }

        private void bytes(byte[] value) {
            out.writeBytes((value.length + ":").getBytes(StandardCharsets.US_ASCII));
            out.writeBytes(value);
        }
    }
}
