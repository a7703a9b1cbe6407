package org.seedcast.tracker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.TrackerDefaults;
import org.seedcast.tracker.engine.TrackerMetrics.Kind;
import org.seedcast.tracker.engine.TrackerMetrics.Outcome;
import org.seedcast.tracker.engine.TrackerMetrics.Transport;
import org.seedcast.tracker.engine.TrackerSettings.UdpRefusal;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.SelectedPeers;

/** BEP 15 through the engine, byte by byte. */
class UdpTrackerTests {

    private final EngineFixture f = new EngineFixture();
    private final Endpoint client = Endpoint.ipv4(0x7F000001, 40000); // 127.0.0.1:40000
    private final SelectedPeers peers = new SelectedPeers(200);

    private byte[] send(EngineFixture fixture, Endpoint from, byte[] packet) {
        ByteBuffer out = ByteBuffer.allocate(2048);
        boolean replied = fixture.engine.udp(ByteBuffer.wrap(packet), from, out, peers);
        return replied ? Arrays.copyOf(out.array(), out.position()) : null;
    }

    private byte[] send(byte[] packet) {
        return send(f, client, packet);
    }

    private long connect(EngineFixture fixture, Endpoint from) {
        byte[] reply = send(fixture, from, new byte[] {
                0x00, 0x00, 0x04, 0x17, 0x27, 0x10, 0x19, (byte) 0x80, // protocol_id: 0x41727101980
                0x00, 0x00, 0x00, 0x00,                                 // action: connect
                0x12, 0x34, 0x56, 0x78});                              // transaction_id
        return ByteBuffer.wrap(reply, 8, 8).getLong();
    }

    private static byte[] announce(long connectionId, byte[] infoHash, long left, int event, int numWant, int port) {
        return ByteBuffer.allocate(98)
                .putLong(connectionId)           // connection_id
                .putInt(1)                       // action: announce
                .putInt(0xCAFEBABE)              // transaction_id
                .put(infoHash)                   // info_hash, 20 bytes
                .put("-lt0D80-abcdefghijkl".getBytes()) // peer_id, 20 bytes
                .putLong(0)                      // downloaded
                .putLong(left)                   // left
                .putLong(0)                      // uploaded
                .putInt(event)                   // event: 0 none, 1 completed, 2 started, 3 stopped
                .putInt(0)                       // ip: 0, the source address is used
                .putInt(0x11223344)              // key
                .putInt(numWant)                 // num_want: -1 for the default
                .putShort((short) port)          // port
                .array();
    }

    @Test
    void connectAnswersTheTransactionWithAFreshConnectionId() {
        byte[] reply = send(new byte[] {
                0x00, 0x00, 0x04, 0x17, 0x27, 0x10, 0x19, (byte) 0x80, // protocol_id
                0x00, 0x00, 0x00, 0x00,                                 // action: connect
                0x12, 0x34, 0x56, 0x78});                              // transaction_id
        assertThat(reply).hasSize(16);
        assertThat(Arrays.copyOf(reply, 8)).containsExactly(
                0x00, 0x00, 0x00, 0x00,  // action: connect
                0x12, 0x34, 0x56, 0x78); // transaction_id, echoed
        assertThat(f.ids.valid(ByteBuffer.wrap(reply, 8, 8).getLong(), client)).isTrue(); // connection_id
    }

    @Test
    void announceOfAPublishedTorrentReturnsSixBytePeers() {
        Endpoint other = Endpoint.ipv4(0x7F000102, 50000); // 127.0.1.2:50000
        send(f, other, announce(connect(f, other), EngineFixture.PUBLISHED, 0, 2, -1, 6882));
        byte[] reply = send(announce(connect(f, client), EngineFixture.PUBLISHED, 1000, 2, -1, 6881));
        assertThat(reply).containsExactly(
                0x00, 0x00, 0x00, 0x01,                         // action: announce
                (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, // transaction_id
                0x00, 0x00, 0x07, 0x08,                         // interval: 1800
                0x00, 0x00, 0x00, 0x01,                         // leechers: 1 (this client)
                0x00, 0x00, 0x00, 0x01,                         // seeders: 1
                0x7F, 0x00, 0x01, 0x02,                         // peer: 127.0.1.2
                0x1A, (byte) 0xE2);                             // port: 6882 (announced, not the source port)
    }

    @Test
    void ipv6AnnounceReturnsEighteenBytePeers() {
        Endpoint a = new Endpoint(true, 0x20010db800000000L, 1, 40000); // [2001:db8::1]
        Endpoint b = new Endpoint(true, 0x20010db800000000L, 2, 40000); // [2001:db8::2]
        send(f, a, announce(connect(f, a), EngineFixture.PUBLISHED, 0, 2, -1, 6881));
        byte[] reply = send(f, b, announce(connect(f, b), EngineFixture.PUBLISHED, 5, 2, -1, 6882));
        assertThat(reply).hasSize(20 + 18);
        assertThat(Arrays.copyOfRange(reply, 20, 38)).containsExactly(
                0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x01, // address: 2001:db8::1
                0x1A, (byte) 0xE1);                                                  // port: 6881
    }

    @Test
    void foreignTorrentGetsAValidEmptyReplyWithTheLongInterval() {
        byte[] reply = send(announce(connect(f, client), EngineFixture.FOREIGN, 1000, 2, -1, 6881));
        assertThat(reply).containsExactly(
                0x00, 0x00, 0x00, 0x01,                         // action: announce, not an error
                (byte) 0xCA, (byte) 0xFE, (byte) 0xBA, (byte) 0xBE, // transaction_id
                0x00, 0x00, 0x1C, 0x20,                         // interval: 7200
                0x00, 0x00, 0x00, 0x00,                         // leechers: 0
                0x00, 0x00, 0x00, 0x00);                        // seeders: 0, and no peers
        assertThat(f.metrics.count(Transport.UDP, Kind.ANNOUNCE, Outcome.UNKNOWN)).isEqualTo(1);
        assertThat(f.unknown.size()).isEqualTo(1);
        assertThat(f.unknown.snapshot().get(0).clients().get(0).name()).isEqualTo("-lt0D80-");
    }

    @Test
    void foreignTorrentGetsAnErrorPacketWhenConfigured() {
        EngineFixture errors = new EngineFixture(TrackerDefaults.engine().withJitter(0).withUdpRefusal(UdpRefusal.ERROR));
        byte[] reply = send(errors, client, announce(connect(errors, client), EngineFixture.FOREIGN, 1, 2, -1, 6881));
        ByteBuffer r = ByteBuffer.wrap(reply);
        assertThat(r.getInt()).isEqualTo(3);           // action: error
        assertThat(r.getInt()).isEqualTo(0xCAFEBABE);  // transaction_id
        assertThat(new String(reply, 8, reply.length - 8)).isEqualTo("this tracker only serves Seedcast's torrents");
    }

    @Test
    void blockedTorrentGetsTheLongerInterval() {
        f.access.block(org.seedcast.tracker.protocol.HashKey.of(EngineFixture.FOREIGN, 0));
        byte[] reply = send(announce(connect(f, client), EngineFixture.FOREIGN, 1, 2, -1, 6881));
        assertThat(ByteBuffer.wrap(reply, 8, 4).getInt()).isEqualTo(86400); // interval: a day
        assertThat(f.metrics.count(Transport.UDP, Kind.ANNOUNCE, Outcome.BLOCKED)).isEqualTo(1);
    }

    @Test
    void aConnectionIdServesEveryPortOfItsAddress() {
        long id = connect(f, client);
        Endpoint otherSession = client.withPort(40001);
        byte[] reply = send(f, otherSession, announce(id, EngineFixture.PUBLISHED, 0, 2, -1, 6881));
        assertThat(reply).isNotNull();
        assertThat(ByteBuffer.wrap(reply).getInt()).as("action: announce").isEqualTo(1);
    }

    @Test
    void spoofedGarbageSpendsNoneOfTheAddressBudgetAndListsNoRefusedSource() {
        EngineFixture tight = new EngineFixture(TrackerDefaults.engine().withJitter(0), 1, 10);
        Endpoint victim = Endpoint.ipv4(0xC6336407, 40000); // 198.51.100.7, the packets' forged source
        long forged = 0x1234_5678_9ABC_DEF0L;
        for (int i = 0; i < 500; i++) {
            send(tight, victim, switch (i % 4) {
                case 0 -> new byte[16];                                                  // connect without the magic
                case 1 -> announce(forged + i, EngineFixture.PUBLISHED, 0, 2, -1, 6881); // a made-up connection id
                case 2 -> ByteBuffer.allocate(36).putLong(forged).putInt(2).putInt(i).array(); // scrape, made-up id
                default -> ByteBuffer.allocate(16).putLong(forged).putInt(9).putInt(i).array(); // unknown action
            });
        }

        assertThat(send(tight, victim.withPort(40001), new byte[] {
                0x00, 0x00, 0x04, 0x17, 0x27, 0x10, 0x19, (byte) 0x80, // protocol_id
                0x00, 0x00, 0x00, 0x00,                                 // action: connect
                0x12, 0x34, 0x56, 0x78})).as("the victim's own connect").isNotNull();
        ByteBuffer out = ByteBuffer.allocate(2048);
        byte[] query = ("info_hash=" + "%AA".repeat(20) + "&peer_id=-qB4650-abcdefghijkl&port=6881&left=0").getBytes();
        byte[] head = ("GET /announce?" + new String(query) + " HTTP/1.1\r\nHost: t\r\n\r\n").getBytes();
        org.seedcast.tracker.protocol.HttpHead parsed = org.seedcast.tracker.protocol.HttpHead.parse(head, head.length);
        assertThat(tight.engine.httpAnnounce(head, parsed, victim, out, peers)).as("the victim over HTTP")
                .isEqualTo(Outcome.OK);
        assertThat(tight.unknown.refusedSources()).as("top refused sources").isEmpty();
    }

    @Test
    void forgedConnectsCannotSilenceTheAnnouncesOfTheAddressTheyName() {
        EngineFixture tight = new EngineFixture(TrackerDefaults.engine().withJitter(0), 1, 10);
        Endpoint victim = Endpoint.ipv4(0xC6336407, 40000); // 198.51.100.7
        long id = connect(tight, victim);
        for (int i = 0; i < 500; i++) {
            send(tight, victim.withPort(1024 + i), new byte[] { // well-formed, but anyone can send it
                    0x00, 0x00, 0x04, 0x17, 0x27, 0x10, 0x19, (byte) 0x80, // protocol_id
                    0x00, 0x00, 0x00, 0x00,                                 // action: connect
                    0x12, 0x34, 0x56, 0x78});                              // transaction_id
        }
        byte[] reply = send(tight, victim, announce(id, EngineFixture.PUBLISHED, 0, 2, -1, 6881));
        assertThat(ByteBuffer.wrap(reply, 8, 4).getInt()).as("interval: the normal one").isEqualTo(1800);
        assertThat(tight.unknown.refusedSources()).isEmpty();
    }

    @Test
    void invalidConnectionIdsAndGarbageAreDroppedSilently() {
        assertThat(send(announce(0x1234, EngineFixture.PUBLISHED, 0, 2, -1, 6881))).isNull();
        long id = connect(f, client);
        assertThat(send(f, Endpoint.ipv4(0x7F000009, 40000), announce(id, EngineFixture.PUBLISHED, 0, 2, -1, 6881))).isNull();
        assertThat(send(new byte[] {1, 2, 3})).isNull();                // shorter than a head
        assertThat(send(new byte[16])).isNull();                         // connect without the magic
        assertThat(f.metrics.total(Outcome.BAD_REQUEST)).isEqualTo(4);
    }

    @Test
    void malformedAnnouncesWithAValidIdGetAnErrorNamingTheProblem() {
        long id = connect(f, client);
        byte[] shortPacket = Arrays.copyOf(announce(id, EngineFixture.PUBLISHED, 0, 2, -1, 6881), 60);
        assertThat(errorText(send(shortPacket))).isEqualTo("announce packet is 60 bytes, needs 98");
        assertThat(errorText(send(announce(id, EngineFixture.PUBLISHED, 0, 2, -1, 0))))
                .isEqualTo("port must be between 1 and 65535, got 0");
        assertThat(errorText(send(announce(id, EngineFixture.PUBLISHED, 0, 9, -1, 1))))
                .isEqualTo("event must be 0, 1, 2 or 3");
        assertThat(errorText(send(announce(id, EngineFixture.PUBLISHED, -5, 2, -1, 1))))
                .isEqualTo("downloaded, left and uploaded must not be negative");
        byte[] unknownAction = ByteBuffer.allocate(16).putLong(id).putInt(7).putInt(1).array();
        assertThat(errorText(send(unknownAction))).isEqualTo("unknown action 7");
    }

    @Test
    void scrapeAnswersCountsForPublishedAndZerosForForeign() {
        send(announce(connect(f, client), EngineFixture.PUBLISHED, 100, 2, -1, 6881)); // started
        send(announce(connect(f, client), EngineFixture.PUBLISHED, 0, 1, -1, 6881));   // completed
        long id = connect(f, client);
        byte[] packet = ByteBuffer.allocate(56)
                .putLong(id)                  // connection_id
                .putInt(2)                    // action: scrape
                .putInt(99)                   // transaction_id
                .put(EngineFixture.PUBLISHED) // info_hash 1
                .put(EngineFixture.FOREIGN)   // info_hash 2
                .array();
        assertThat(send(packet)).containsExactly(
                0x00, 0x00, 0x00, 0x02, // action: scrape
                0x00, 0x00, 0x00, 0x63, // transaction_id: 99
                0x00, 0x00, 0x00, 0x01, // seeders: 1
                0x00, 0x00, 0x00, 0x01, // completed: 1 (event completed)
                0x00, 0x00, 0x00, 0x00, // leechers: 0
                0x00, 0x00, 0x00, 0x00, // foreign: seeders 0
                0x00, 0x00, 0x00, 0x00, //          completed 0
                0x00, 0x00, 0x00, 0x00); //         leechers 0
    }

    @Test
    void scrapeAnswersAtMost74HashesSoTheReplyFitsOneDatagram() {
        ByteBuffer packet = ByteBuffer.allocate(16 + 20 * 100).putLong(connect(f, client)).putInt(2).putInt(5);
        for (int i = 0; i < 100; i++) {
            packet.put(EngineFixture.FOREIGN);
        }
        assertThat(send(packet.array())).hasSize(8 + 12 * 74);
    }

    @Test
    void scrapeWithoutHashesIsAnError() {
        byte[] packet = ByteBuffer.allocate(16).putLong(connect(f, client)).putInt(2).putInt(5).array();
        assertThat(errorText(send(packet))).isEqualTo("scrape needs at least one info_hash");
    }

    @Test
    void repliesFitOneDatagram() {
        for (int i = 0; i < 300; i++) {
            Endpoint p = Endpoint.ipv4(0x7F010000 + i, 1000);
            send(f, p, announce(connect(f, p), EngineFixture.PUBLISHED, 0, 2, -1, 1000 + i));
        }
        byte[] reply = send(announce(connect(f, client), EngineFixture.PUBLISHED, 5, 2, 10_000, 6881));
        assertThat(reply).hasSize(20 + 6 * 200);
    }

    @Test
    void anAddressFarOverItsBudgetIsDropped() {
        EngineFixture tight = new EngineFixture(TrackerDefaults.engine().withJitter(0), 1, 2);
        long id = connect(tight, client);                                    // from the connect buckets
        byte[] packet = announce(id, EngineFixture.FOREIGN, 0, 2, -1, 6881);
        assertThat(send(tight, client, packet)).isNotNull();                 // token 1
        assertThat(send(tight, client, packet)).isNotNull();                 // token 2
        byte[] limited = send(tight, client, packet);                        // over budget: quiet reply
        assertThat(ByteBuffer.wrap(limited, 8, 4).getInt()).isEqualTo(3600); // interval: rate-limited
        send(tight, client, packet);
        assertThat(send(tight, client, packet)).isNull();                    // far over: dropped
        assertThat(tight.metrics.count(Transport.UDP, Kind.ANNOUNCE, Outcome.RATE_LIMITED)).isEqualTo(3);
    }

    @Test
    void bannedAddressesGetAnEmptyReply() {
        f.bans.ban(new org.seedcast.tracker.guard.Bans.Ban(
                org.seedcast.tracker.guard.Cidr.parse("127.0.0.0/24"), "test", java.time.Instant.EPOCH));
        byte[] reply = send(announce(connect(f, client), EngineFixture.PUBLISHED, 0, 2, -1, 6881));
        assertThat(reply).hasSize(20);
        assertThat(ByteBuffer.wrap(reply, 8, 4).getInt()).isEqualTo(86400);
    }

    private static String errorText(byte[] reply) {
        assertThat(ByteBuffer.wrap(reply).getInt()).as("action: error").isEqualTo(3);
        return new String(reply, 8, reply.length - 8);
    }
}
