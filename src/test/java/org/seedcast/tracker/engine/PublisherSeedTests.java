package org.seedcast.tracker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.HttpHead;
import org.seedcast.tracker.protocol.SelectedPeers;
import org.seedcast.tracker.swarm.SeedPeer;

/** The publisher's own seed in the answers of both transports: listed, counted as complete, never a fan. */
class PublisherSeedTests {

    private static final String PUBLISHED = HttpTrackerTests.PUBLISHED;
    /** 192.0.2.10:6881 and [2001:db8::10]:6881. */
    private static final Endpoint SEED_V4 = Endpoint.ipv4(0xC000020A, 6881);
    private static final Endpoint SEED_V6 = Endpoint.ipv6(0x20010DB800000000L, 0x10L, 6881);
    private static final String SEED_V4_COMPACT = "\u00C0\0\2\n\u001A\u00E1";           // 192.0.2.10, port 6881
    private static final String SEED_V6_COMPACT = "\u0020\u0001\r\u00B8\0\0\0\0\0\0\0\0\0\0\0\u0010\u001A\u00E1";

    private final EngineFixture seeded = new EngineFixture(SeedPeer.of(SEED_V4, SEED_V6));
    private final EngineFixture unseeded = new EngineFixture();
    private final SelectedPeers peers = new SelectedPeers(200);

    private String http(EngineFixture fixture, Endpoint remote, String query) {
        String head = "GET " + query + " HTTP/1.1\r\n\r\n";
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        HttpHead h = HttpHead.parse(bytes, bytes.length);
        ByteBuffer out = ByteBuffer.allocate(65536);
        if (h.path == HttpHead.Path.ANNOUNCE) {
            fixture.engine.httpAnnounce(bytes, h, remote, out, peers);
        } else {
            fixture.engine.httpScrape(bytes, h, remote, out);
        }
        return new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1);
    }

    private String announce(EngineFixture fixture, Endpoint from, String more) {
        return http(fixture, from, "/announce?info_hash=" + PUBLISHED + "&peer_id=-qB4500-abcdefghijkl&port="
                + from.port() + more);
    }

    private static Endpoint fan(int n) {
        return Endpoint.ipv4(0x7F000100 | n, 50000);
    }

    @Test
    void aLeecherGetsTheSeedFirstInEachFamilyAndCountsItAsComplete() {
        announce(seeded, fan(1), "&left=0");
        String answer = announce(seeded, fan(2), "&left=10&event=started");
        assertThat(answer).isEqualTo("d8:completei2e10:downloadedi0e10:incompletei1e8:intervali1800e"
                + "12:min intervali300e"
                + "5:peers12:" + SEED_V4_COMPACT + "\u007F\0\1\1\u00C3\u0050"
                + "6:peers618:" + SEED_V6_COMPACT + "e");
        assertThat(seeded.swarms.seeders()).isEqualTo(1); // the fan alone
        assertThat(seeded.swarms.leechers()).isEqualTo(1);
    }

    @Test
    void withoutASeedTheAnswerIsAsBefore() {
        announce(unseeded, fan(1), "&left=0");
        assertThat(announce(unseeded, fan(2), "&left=10")).isEqualTo("d8:completei1e10:downloadedi0e"
                + "10:incompletei1e8:intervali1800e12:min intervali300e5:peers6:\u007F\0\1\1\u00C3\u0050e");
    }

    @Test
    void aNonCompactAnswerNamesTheSeedsAddresses() {
        assertThat(announce(seeded, fan(2), "&left=10&compact=0"))
                .contains("5:peersld2:ip10:192.0.2.104:porti6881eed2:ip")
                .contains(":2001:db8:0:0:0:0:0:104:porti6881ee");
    }

    @Test
    void theSeedTakesOneOfTheWantedPeers() {
        for (int i = 1; i <= 20; i++) {
            announce(seeded, fan(i), "&left=5");
        }
        String answer = announce(seeded, fan(30), "&left=5&numwant=5");
        assertThat(answer).contains("5:peers30:" + SEED_V4_COMPACT).contains("6:peers618:");
        assertThat(announce(seeded, fan(30), "&left=5&numwant=1")).contains("5:peers6:" + SEED_V4_COMPACT);
        assertThat(announce(seeded, fan(30), "&left=5&numwant=0")).contains("5:peers0:").doesNotContain("6:peers6");
    }

    @Test
    void aSeederIsNotSentTheSeed() {
        announce(seeded, fan(1), "&left=5");
        assertThat(announce(seeded, fan(2), "&left=0")).contains("5:peers6:\u007F\0\1\1").doesNotContain("6:peers6");
    }

    @Test
    void aSeedersStartedAnnounceIsSentTheSeedAsAMagnetClientFetchingTheInfoDictAnnouncesLeftZero() {
        announce(seeded, fan(1), "&left=5");
        assertThat(announce(seeded, fan(2), "&left=0&event=started"))
                .contains("5:peers12:" + SEED_V4_COMPACT + "\u007F\0\1\1");
    }

    @Test
    void theSeedsOwnAnnounceIsNeitherAFanNorAnsweredWithItself() {
        announce(seeded, fan(1), "&left=5");
        String answer = announce(seeded, SEED_V4, "&left=5");
        assertThat(answer).contains("5:peers6:\u007F\0\1\1").doesNotContain(SEED_V4_COMPACT);
        assertThat(seeded.swarms.seeders() + seeded.swarms.leechers()).isEqualTo(1);
        assertThat(announce(seeded, fan(2), "&left=5")).contains("5:peers12:" + SEED_V4_COMPACT + "\u007F\0\1\1")
                .contains("incompletei2e"); // the fans, not the seed's announce
        // the same address on another port is a fan like any other
        announce(seeded, SEED_V4.withPort(7000), "&left=5");
        assertThat(seeded.swarms.leechers()).isEqualTo(3);
    }

    @Test
    void aScrapeCountsTheSeedAsComplete() {
        assertThat(http(seeded, fan(1), "/scrape?info_hash=" + PUBLISHED)).contains("d8:completei1e10:downloadedi0e10:incompletei0ee");
        assertThat(http(unseeded, fan(1), "/scrape?info_hash=" + PUBLISHED)).contains("d8:completei0e");
        assertThat(http(seeded, fan(1), "/scrape?info_hash=" + HttpTrackerTests.FOREIGN)).contains("d8:completei0e");
    }

    private byte[] udp(EngineFixture fixture, Endpoint from, byte[] packet) {
        ByteBuffer out = ByteBuffer.allocate(2048);
        boolean replied = fixture.engine.udp(ByteBuffer.wrap(packet), from, out, peers);
        return replied ? Arrays.copyOf(out.array(), out.position()) : null;
    }

    private long connect(Endpoint from) {
        byte[] reply = udp(seeded, from, ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(7).array());
        return ByteBuffer.wrap(reply, 8, 8).getLong();
    }

    private byte[] udpAnnounce(Endpoint from, long left) {
        return udp(seeded, from, ByteBuffer.allocate(98)
                .putLong(connect(from))          // connection_id
                .putInt(1)                       // action: announce
                .putInt(0xCAFEBABE)              // transaction_id
                .put(EngineFixture.PUBLISHED)    // info_hash
                .put("-lt0D80-abcdefghijkl".getBytes(StandardCharsets.ISO_8859_1)) // peer_id
                .putLong(0)                      // downloaded
                .putLong(left)                   // left
                .putLong(0)                      // uploaded
                .putInt(2)                       // event: started
                .putInt(0)                       // ip: the source's
                .putInt(0x11223344)              // key
                .putInt(-1)                      // num_want: the default
                .putShort((short) from.port())   // port
                .array());
    }

    @Test
    void overUdpTheSeedIsListedInTheFamilyOfTheSocket() {
        byte[] v4 = udpAnnounce(fan(1), 5);
        assertThat(v4).hasSize(20 + 6);
        assertThat(ByteBuffer.wrap(v4, 12, 8).getInt()).isEqualTo(1);  // leechers: the fan itself
        assertThat(ByteBuffer.wrap(v4, 16, 4).getInt()).isEqualTo(1);  // seeders: the publisher's seed
        assertThat(Arrays.copyOfRange(v4, 20, 26))
                .containsExactly(0xC0, 0x00, 0x02, 0x0A, 0x1A, 0xE1);  // 192.0.2.10:6881

        byte[] v6 = udpAnnounce(Endpoint.ipv6(0x20010DB800000001L, 1, 50000), 5);
        assertThat(v6).hasSize(20 + 18);
        assertThat(Arrays.copyOfRange(v6, 20, 38)).containsExactly(
                0x20, 0x01, 0x0D, 0xB8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x10, // 2001:db8::10
                0x1A, 0xE1);                                                   // port 6881
    }

    @Test
    void anIpv4OnlySeedIsMissingFromIpv6Answers() {
        EngineFixture v4Only = new EngineFixture(SeedPeer.of(SEED_V4, null));
        String answer = announce(v4Only, fan(2), "&left=10");
        assertThat(answer).contains("5:peers6:" + SEED_V4_COMPACT).doesNotContain("6:peers6");
    }
}
