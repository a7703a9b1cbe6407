package org.seedcast.torrent.bencode;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Writes bencoded values (BEP 3) straight into a reusable buffer, integers digit by digit: the
 * tracker answers every announce this way, because building a {@link BDict} and encoding it with
 * {@link BencodeEncoder} would cost objects on its hottest path. The caller writes the structure
 * ({@code d}, keys, values, {@code e}) and keeps dictionary keys in sorted order, as BEP 3 requires.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html#bencoding">BEP 3, bencoding</a>
 */
public final class BencodeBuffer {

    private BencodeBuffer() {
    }

    /** A byte string key or value prepared once: {@code <length>:<bytes>}. */
    public static byte[] string(String ascii) {
        byte[] raw = ascii.getBytes(StandardCharsets.UTF_8);
        byte[] prefix = (raw.length + ":").getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[prefix.length + raw.length];
        System.arraycopy(prefix, 0, all, 0, prefix.length);
        System.arraycopy(raw, 0, all, prefix.length, raw.length);
        return all;
    }

    /** {@code i<n>e}. */
    public static void integer(ByteBuffer out, long n) {
        out.put((byte) 'i');
        digits(out, n);
        out.put((byte) 'e');
    }

    /** {@code <length>:} followed by {@code length} bytes of {@code bytes}. */
    public static void bytes(ByteBuffer out, byte[] bytes, int length) {
        digits(out, length);
        out.put((byte) ':');
        out.put(bytes, 0, length);
    }

    /** {@code n} in decimal, as a length or an integer's digits are written. */
    public static void digits(ByteBuffer out, long n) {
        if (n == Long.MIN_VALUE) { // has no positive counterpart to write digit by digit
            out.put(Long.toString(n).getBytes(StandardCharsets.US_ASCII));
            return;
        }
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
