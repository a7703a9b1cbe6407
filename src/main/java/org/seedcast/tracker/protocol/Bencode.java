package org.seedcast.tracker.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes bencoded values (BEP 3) straight into a buffer, integers digit by digit, so an answer
 * costs no intermediate objects. Callers write dictionary keys in sorted order, as BEP 3 requires.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html#bencoding">BEP 3, bencoding</a>
 */
final class Bencode {

    private Bencode() {
    }

    /** A byte string key or value prepared once: {@code <length>:<bytes>}. */
    static byte[] string(String ascii) {
        byte[] raw = ascii.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (raw.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(raw, 0, all, prefix.length, raw.length);
        return all;
    }

    /** {@code i<n>e}. */
    static void integer(ByteBuffer out, long n) {
        out.put((byte) 'i');
        digits(out, n);
        out.put((byte) 'e');
    }

    /** {@code <length>:} followed by {@code length} bytes of {@code bytes}. */
    static void bytes(ByteBuffer out, byte[] bytes, int length) {
        digits(out, length);
        out.put((byte) ':');
        out.put(bytes, 0, length);
    }

    static void digits(ByteBuffer out, long n) {
        if (n < 0) {
            out.put((byte) '-');
            n = -n;
        }
        if (n < 10) {
            out.put((byte) ('0' + n));
            return;
        }
        int start = out.position();
        while (n > 0) {
            out.put((byte) ('0' + n % 10));
            n /= 10;
        }
        for (int i = start, j = out.position() - 1; i < j; i++, j--) {
            byte t = out.get(i);
            out.put(i, out.get(j));
            out.put(j, t);
        }
    }
}
