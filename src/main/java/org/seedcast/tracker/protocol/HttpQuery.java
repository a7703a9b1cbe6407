package org.seedcast.tracker.protocol;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Parses the query string of {@code /announce} (BEP 3, BEP 23) and {@code /scrape} (BEP 48) from the
 * raw request bytes. {@code info_hash} and {@code peer_id} are 20 arbitrary bytes percent-encoded
 * byte by byte, so they are decoded here byte by byte and never as UTF-8. Every malformed input ends
 * in a {@link BadRequest} whose reason names the parameter.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0023.html">BEP 23</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0048.html">BEP 48</a>
 */
public final class HttpQuery {

    /** Longest raw value accepted for any known parameter (a fully escaped 20-byte id is 60). */
    static final int MAX_VALUE = 256;

    private static final byte[][] NAMES = {
            bytes("info_hash"), bytes("peer_id"), bytes("port"), bytes("uploaded"), bytes("downloaded"),
            bytes("left"), bytes("event"), bytes("compact"), bytes("no_peer_id"), bytes("numwant"),
            bytes("num_want"), bytes("ip")};
    private static final int INFO_HASH = 0, PEER_ID = 1, PORT = 2, UPLOADED = 3, DOWNLOADED = 4,
            LEFT = 5, EVENT = 6, COMPACT = 7, NO_PEER_ID = 8, NUMWANT = 9, NUM_WANT = 10, IP = 11;
    private static final String[] TEXT = {"info_hash", "peer_id", "port", "uploaded", "downloaded",
            "left", "event", "compact", "no_peer_id", "numwant", "numwant", "ip"};

    private HttpQuery() {
    }

    /** Parses {@code bytes[from, to)}, the part of the target after {@code ?}. */
    public static AnnounceRequest parseAnnounce(byte[] bytes, int from, int to) {
        byte[] id = new byte[20];
        HashKey infoHash = null;
        long peerIdPrefix = 0;
        long uploaded = 0, downloaded = 0, left = -1;
        int port = -1, numWant = -1;
        boolean compact = true;
        Event event = Event.NONE;
        String ip = null;
        int seen = 0;
        for (int start = from; start < to; ) {
            int end = indexOf(bytes, (byte) '&', start, to);
            int eq = indexOf(bytes, (byte) '=', start, end);
            int param = param(bytes, start, eq);
            int v = Math.min(eq + 1, end);
            if (param >= 0) {
                int bit = 1 << (param == NUM_WANT ? NUMWANT : param);
                if ((seen & bit) != 0) {
                    throw new BadRequest(TEXT[param] + " is given more than once");
                }
                seen |= bit;
                if (end - v > MAX_VALUE) {
                    throw new BadRequest(TEXT[param] + " is too long");
                }
                switch (param) {
                    case INFO_HASH -> infoHash = HashKey.of(decode20(bytes, v, end, id, "info_hash"), 0);
                    case PEER_ID -> peerIdPrefix = prefix(decode20(bytes, v, end, id, "peer_id"));
                    case PORT -> port = port(bytes, v, end);
                    case UPLOADED -> uploaded = number(bytes, v, end, "uploaded");
                    case DOWNLOADED -> downloaded = number(bytes, v, end, "downloaded");
                    case LEFT -> left = number(bytes, v, end, "left");
                    case EVENT -> event = event(bytes, v, end);
                    case COMPACT -> compact = flag(bytes, v, end, "compact");
                    case NO_PEER_ID -> flag(bytes, v, end, "no_peer_id");
                    case NUMWANT, NUM_WANT -> numWant = (int) Math.min(number(bytes, v, end, "numwant"), 1 << 20);
                    case IP -> ip = new String(bytes, v, end - v, StandardCharsets.ISO_8859_1);
                    default -> throw new IllegalStateException();
                }
            }
            start = end + 1;
        }
        require(seen, INFO_HASH);
        require(seen, PEER_ID);
        require(seen, PORT);
        require(seen, LEFT);
        return new AnnounceRequest(infoHash, peerIdPrefix, uploaded, downloaded, left, event, port,
                numWant, compact, ip);
    }

    /**
     * The info-hashes of a scrape, in order of appearance. None at all means a full scrape, which
     * this tracker does not offer; more than {@code max} is refused rather than silently cut.
     */
    public static List<HashKey> parseScrape(byte[] bytes, int from, int to, int max) {
        List<HashKey> hashes = new ArrayList<>(4);
        byte[] id = new byte[20];
        for (int start = from; start < to; ) {
            int end = indexOf(bytes, (byte) '&', start, to);
            int eq = indexOf(bytes, (byte) '=', start, end);
            if (param(bytes, start, eq) == INFO_HASH) {
                int v = Math.min(eq + 1, end);
                if (end - v > MAX_VALUE) {
                    throw new BadRequest("info_hash is too long");
                }
                if (hashes.size() == max) {
                    throw new BadRequest("too many info_hash parameters (at most " + max + ")");
                }
                hashes.add(HashKey.of(decode20(bytes, v, end, id, "info_hash"), 0));
            }
            start = end + 1;
        }
        if (hashes.isEmpty()) {
            throw new BadRequest("missing info_hash (full scrape is not offered)");
        }
        return hashes;
    }

    /** Percent-decodes exactly 20 bytes into {@code out}, {@code +} standing for a space. */
    static byte[] decode20(byte[] b, int from, int to, byte[] out, String name) {
        int n = 0;
        for (int i = from; i < to; n++) {
            int c = b[i] & 0xFF;
            int value;
            if (c == '%') {
                int hi = i + 1 < to ? hex(b[i + 1]) : -1;
                int lo = i + 2 < to ? hex(b[i + 2]) : -1;
                if (hi < 0 || lo < 0) {
                    throw new BadRequest(name + " has bad percent-encoding at byte " + (i - from));
                }
                value = hi << 4 | lo;
                i += 3;
            } else {
                value = c == '+' ? ' ' : c;
                i++;
            }
            if (n < 20) {
                out[n] = (byte) value;
            }
        }
        if (n != 20) {
            throw new BadRequest(name + " must be 20 bytes, got " + n);
        }
        return out;
    }

    private static long prefix(byte[] id) {
        long p = 0;
        for (int i = 0; i < 8; i++) {
            p = p << 8 | (id[i] & 0xFF);
        }
        return p;
    }

    private static int port(byte[] b, int from, int to) {
        long port = number(b, from, to, "port");
        if (port < 1 || port > 65535) {
            throw new BadRequest("port must be between 1 and 65535, got " + port);
        }
        return (int) port;
    }

    /** A non-negative decimal of at most 18 digits: absurd values are refused, not wrapped. */
    static long number(byte[] b, int from, int to, String name) {
        if (from == to) {
            throw new BadRequest(name + " is empty");
        }
        if (b[from] == '-') {
            throw new BadRequest(name + " must not be negative");
        }
        if (to - from > 18) {
            throw new BadRequest(name + " is too large");
        }
        long n = 0;
        for (int i = from; i < to; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) {
                throw new BadRequest(name + " is not a number");
            }
            n = n * 10 + d;
        }
        return n;
    }

    private static boolean flag(byte[] b, int from, int to, String name) {
        if (to - from == 1 && (b[from] == '0' || b[from] == '1')) {
            return b[from] == '1';
        }
        throw new BadRequest(name + " must be 0 or 1");
    }

    private static Event event(byte[] b, int from, int to) {
        return switch (to - from) {
            case 0 -> Event.NONE;
            case 5 -> is(b, from, to, "empty") ? Event.NONE : badEvent();
            case 6 -> is(b, from, to, "paused") ? Event.PAUSED : badEvent();
            case 7 -> is(b, from, to, "started") ? Event.STARTED
                    : is(b, from, to, "stopped") ? Event.STOPPED : badEvent();
            case 9 -> is(b, from, to, "completed") ? Event.COMPLETED : badEvent();
            default -> badEvent();
        };
    }

    private static Event badEvent() {
        throw new BadRequest("event must be started, completed, stopped, paused or empty");
    }

    private static boolean is(byte[] b, int from, int to, String ascii) {
        for (int i = from; i < to; i++) {
            if (b[i] != ascii.charAt(i - from)) {
                return false;
            }
        }
        return true;
    }

    private static void require(int seen, int param) {
        if ((seen & (1 << param)) == 0) {
            throw new BadRequest("missing " + TEXT[param]);
        }
    }

    private static int param(byte[] b, int from, int to) {
        int length = to - from;
        for (int p = 0; p < NAMES.length; p++) {
            byte[] name = NAMES[p];
            if (name.length == length && Arrays.equals(b, from, to, name, 0, length)) {
                return p;
            }
        }
        return -1;
    }

    static int indexOf(byte[] b, byte c, int from, int to) {
        for (int i = from; i < to; i++) {
            if (b[i] == c) {
                return i;
            }
        }
        return to;
    }

    private static int hex(byte c) {
        if (c >= '0' && c <= '9') {
            return c - '0';
        }
        int lower = c | 0x20;
        return lower >= 'a' && lower <= 'f' ? lower - 'a' + 10 : -1;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
