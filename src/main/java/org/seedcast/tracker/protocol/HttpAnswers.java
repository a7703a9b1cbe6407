package org.seedcast.tracker.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.seedcast.torrent.bencode.BencodeBuffer;

/**
 * Bencoded bodies of HTTP tracker answers, keys in the sorted order BEP 3 requires, and the
 * HTTP/1.1 head that goes before them.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a> announce answer
 * @see <a href="https://www.bittorrent.org/beps/bep_0023.html">BEP 23</a> compact {@code peers}
 * @see <a href="https://www.bittorrent.org/beps/bep_0007.html">BEP 7</a> {@code peers6}
 * @see <a href="https://www.bittorrent.org/beps/bep_0031.html">BEP 31</a> {@code retry in}
 * @see <a href="https://www.bittorrent.org/beps/bep_0048.html">BEP 48</a> scrape {@code files}
 */
public final class HttpAnswers {

    private static final byte[] COMPLETE = BencodeBuffer.string("complete");
    private static final byte[] DOWNLOADED = BencodeBuffer.string("downloaded");
    private static final byte[] INCOMPLETE = BencodeBuffer.string("incomplete");
    private static final byte[] INTERVAL = BencodeBuffer.string("interval");
    private static final byte[] MIN_INTERVAL = BencodeBuffer.string("min interval");
    private static final byte[] PEERS = BencodeBuffer.string("peers");
    private static final byte[] PEERS6 = BencodeBuffer.string("peers6");
    private static final byte[] FAILURE = BencodeBuffer.string("failure reason");
    private static final byte[] RETRY_IN = BencodeBuffer.string("retry in");
    private static final byte[] NEVER = BencodeBuffer.string("never");
    private static final byte[] FILES = BencodeBuffer.string("files");
    private static final byte[] IP = BencodeBuffer.string("ip");
    private static final byte[] PORT = BencodeBuffer.string("port");

    private static final byte[] HEAD_200 = ascii("HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: ");
    private static final byte[] KEEP_ALIVE = ascii("\r\nConnection: keep-alive\r\n\r\n");
    private static final byte[] CLOSE = ascii("\r\nConnection: close\r\n\r\n");

    /** Room to leave before a body so its head can be written in front of it without copying. */
    public static final int HEAD_ROOM = HEAD_200.length + KEEP_ALIVE.length + 10;

    private HttpAnswers() {
    }

    /**
     * A successful announce. Compact: {@code peers} of 6 bytes each and, when there are IPv6 peers,
     * {@code peers6} of 18. Non-compact: a list of {@code ip}/{@code port} dictionaries; peer ids
     * are never sent (the tracker does not keep them, as if {@code no_peer_id} were set).
     */
    public static void announce(ByteBuffer out, SelectedPeers peers, int interval, int minInterval,
                                boolean compact) {
        out.put((byte) 'd');
        out.put(COMPLETE);
        BencodeBuffer.integer(out, peers.seeders);
        out.put(DOWNLOADED);
        BencodeBuffer.integer(out, peers.completed);
        out.put(INCOMPLETE);
        BencodeBuffer.integer(out, peers.leechers);
        out.put(INTERVAL);
        BencodeBuffer.integer(out, interval);
        out.put(MIN_INTERVAL);
        BencodeBuffer.integer(out, minInterval);
        out.put(PEERS);
        if (compact) {
            BencodeBuffer.bytes(out, peers.v4, peers.v4Count * 6);
            if (peers.v6Count > 0) {
                out.put(PEERS6);
                BencodeBuffer.bytes(out, peers.v6, peers.v6Count * 18);
            }
        } else {
            dictionaries(out, peers);
        }
        out.put((byte) 'e');
    }

    private static void dictionaries(ByteBuffer out, SelectedPeers peers) {
        out.put((byte) 'l');
        for (int i = 0; i < peers.v4Count; i++) {
            int o = i * 6;
            String ip = (peers.v4[o] & 0xFF) + "." + (peers.v4[o + 1] & 0xFF) + "."
                    + (peers.v4[o + 2] & 0xFF) + "." + (peers.v4[o + 3] & 0xFF);
            peer(out, ip, (peers.v4[o + 4] & 0xFF) << 8 | peers.v4[o + 5] & 0xFF);
        }
        for (int i = 0; i < peers.v6Count; i++) {
            int o = i * 18;
            StringBuilder ip = new StringBuilder(39);
            for (int g = 0; g < 8; g++) {
                ip.append(g == 0 ? "" : ":")
                        .append(Integer.toHexString((peers.v6[o + 2 * g] & 0xFF) << 8 | peers.v6[o + 2 * g + 1] & 0xFF));
            }
            peer(out, ip.toString(), (peers.v6[o + 16] & 0xFF) << 8 | peers.v6[o + 17] & 0xFF);
        }
        out.put((byte) 'e');
    }

    private static void peer(ByteBuffer out, String ip, int port) {
        out.put((byte) 'd').put(IP);
        byte[] text = ip.getBytes(StandardCharsets.US_ASCII);
        BencodeBuffer.bytes(out, text, text.length);
        out.put(PORT);
        BencodeBuffer.integer(out, port);
        out.put((byte) 'e');
    }

    /**
     * A refusal that real clients obey: {@code failure reason} with an {@code interval} (libtorrent
     * then waits that long instead of 30 min), the same {@code min interval}, and BEP 31
     * {@code retry in} in minutes, or {@code never} when {@code retryInMinutes} is negative.
     */
    public static void failure(ByteBuffer out, byte[] reason, int interval, long retryInMinutes) {
        out.put((byte) 'd');
        out.put(FAILURE);
        out.put(reason);
        out.put(INTERVAL);
        BencodeBuffer.integer(out, interval);
        out.put(MIN_INTERVAL);
        BencodeBuffer.integer(out, interval);
        out.put(RETRY_IN);
        if (retryInMinutes < 0) {
            out.put(NEVER);
        } else {
            BencodeBuffer.integer(out, retryInMinutes);
        }
        out.put((byte) 'e');
    }

    /** A failure reason prepared once as a bencoded string. */
    public static byte[] reason(String text) {
        return BencodeBuffer.string(text);
    }

    /**
     * BEP 48 scrape: {@code files} maps each raw info-hash, in byte order, to {@code complete},
     * {@code downloaded} and {@code incomplete}. {@code counts} holds three numbers per hash, in
     * the order of {@code sorted}.
     */
    public static void scrape(ByteBuffer out, List<HashKey> sorted, long[] counts) {
        out.put((byte) 'd').put(FILES).put((byte) 'd');
        for (int i = 0; i < sorted.size(); i++) {
            out.put((byte) '2').put((byte) '0').put((byte) ':');
            sorted.get(i).write(out);
            out.put((byte) 'd');
            out.put(COMPLETE);
            BencodeBuffer.integer(out, counts[3 * i]);
            out.put(DOWNLOADED);
            BencodeBuffer.integer(out, counts[3 * i + 1]);
            out.put(INCOMPLETE);
            BencodeBuffer.integer(out, counts[3 * i + 2]);
            out.put((byte) 'e');
        }
        out.put((byte) 'e').put((byte) 'e');
    }

    /**
     * Writes {@code HTTP/1.1 200} head for a body of {@code bodyLength} bytes so that it ends exactly
     * at {@code bodyStart}; returns where the head starts.
     */
    public static int headBefore(ByteBuffer out, int bodyStart, int bodyLength, boolean keepAlive) {
        byte[] connection = keepAlive ? KEEP_ALIVE : CLOSE;
        int digits = Integer.toString(bodyLength).length();
        int start = bodyStart - HEAD_200.length - digits - connection.length;
        out.position(start);
        out.put(HEAD_200);
        BencodeBuffer.digits(out, bodyLength);
        out.put(connection);
        return start;
    }

    /** A complete plain-text answer for requests that are not tracker requests (404, 405, 431). */
    public static byte[] plain(int status, String phrase, String body) {
        return ascii("HTTP/1.1 " + status + " " + phrase + "\r\nContent-Type: text/plain\r\nContent-Length: "
                + body.length() + "\r\nConnection: close\r\n\r\n" + body);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
