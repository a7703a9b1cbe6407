package org.seedcast.tracker.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The UDP tracker protocol, BEP 15: big-endian fields at fixed offsets.
 *
 * <pre>
 * request head   connection_id u64 | action u32 | transaction_id u32      (16 bytes)
 * connect        protocol_id 0x41727101980 in place of connection_id      (16 bytes)
 * announce       head | info_hash 20 | peer_id 20 | downloaded u64 | left u64 | uploaded u64
 *                | event u32 | ip u32 | key u32 | num_want i32 | port u16 (98 bytes)
 * scrape         head | info_hash 20 × n
 * replies        action u32 | transaction_id u32 | ...
 * </pre>
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0015.html">BEP 15</a>
 */
public final class UdpCodec {

    public static final long PROTOCOL_ID = 0x41727101980L;
    public static final int CONNECT = 0, ANNOUNCE = 1, SCRAPE = 2, ERROR = 3;
    public static final int HEAD = 16;
    public static final int ANNOUNCE_LENGTH = 98;
    /** Scrape hashes answered per packet: 8 + 12 × 74 bytes keeps the reply far inside one datagram. */
    public static final int MAX_SCRAPE_HASHES = 74;
    /** Peers per reply: 20 + 6 × 200 and 20 + 18 × 66 bytes fit the smallest IPv4 and IPv6 paths. */
    public static final int MAX_PEERS_V4 = 200, MAX_PEERS_V6 = 66;

    private UdpCodec() {
    }

    /**
     * Reads an announce body; {@code in} is positioned after the 16-byte head.
     *
     * @throws BadRequest for a short packet, port 0 or an unknown event
     */
    public static AnnounceRequest readAnnounce(ByteBuffer in, int packetLength) {
        if (packetLength < ANNOUNCE_LENGTH) {
            throw new BadRequest("announce packet is " + packetLength + " bytes, needs 98");
        }
        HashKey infoHash = HashKey.read(in);
        long peerIdPrefix = in.getLong();
        in.position(in.position() + 12);
        long downloaded = in.getLong();
        long left = in.getLong();
        long uploaded = in.getLong();
        Event event = Event.fromUdp(in.getInt());
        in.getInt(); // ip: ignored, the packet's source address is the peer's address
        in.getInt(); // key
        int numWant = in.getInt();
        int port = in.getShort() & 0xFFFF;
        if (port == 0) {
            throw new BadRequest("port must be between 1 and 65535, got 0");
        }
        if (left < 0 || downloaded < 0 || uploaded < 0) {
            throw new BadRequest("downloaded, left and uploaded must not be negative");
        }
        return new AnnounceRequest(infoHash, peerIdPrefix, uploaded, downloaded, left, event, port,
                numWant < 0 ? -1 : numWant, true, null);
    }

    /** Connect reply: action 0, transaction id, connection id (16 bytes). */
    public static void connect(ByteBuffer out, int transactionId, long connectionId) {
        out.putInt(CONNECT).putInt(transactionId).putLong(connectionId);
    }

    /**
     * Announce reply: action 1, transaction id, interval, leechers, seeders, then 6-byte (IPv4
     * request) or 18-byte (IPv6 request) peers.
     */
    public static void announce(ByteBuffer out, int transactionId, int interval, SelectedPeers peers,
                                boolean ipv6) {
        out.putInt(ANNOUNCE).putInt(transactionId).putInt(interval)
                .putInt(peers.leechers).putInt(peers.seeders);
        if (ipv6) {
            out.put(peers.v6, 0, 18 * peers.v6Count);
        } else {
            out.put(peers.v4, 0, 6 * peers.v4Count);
        }
    }

    /** An announce reply without peers and with zero counts: the quiet refusal. */
    public static void emptyAnnounce(ByteBuffer out, int transactionId, int interval) {
        out.putInt(ANNOUNCE).putInt(transactionId).putInt(interval).putInt(0).putInt(0);
    }

    /** Scrape reply head: action 2, transaction id; then {@link #scrapeEntry} per hash. */
    public static void scrapeHead(ByteBuffer out, int transactionId) {
        out.putInt(SCRAPE).putInt(transactionId);
    }

    /** Seeders, completed, leechers: the order BEP 15 gives, unlike the HTTP keys. */
    public static void scrapeEntry(ByteBuffer out, int seeders, int completed, int leechers) {
        out.putInt(seeders).putInt(completed).putInt(leechers);
    }

    /** Error reply: action 3, transaction id, message (no terminator). */
    public static void error(ByteBuffer out, int transactionId, byte[] message) {
        out.putInt(ERROR).putInt(transactionId).put(message);
    }

    public static byte[] message(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
