package org.seedcast.tracker.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.TrackerDefaults;
import org.seedcast.tracker.engine.TrackerMetrics.Kind;
import org.seedcast.tracker.engine.TrackerMetrics.Outcome;
import org.seedcast.tracker.engine.TrackerMetrics.Transport;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.Cidr;
import org.seedcast.tracker.guard.NetworkSet;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.protocol.HttpHead;
import org.seedcast.tracker.protocol.SelectedPeers;

/** HTTP announces and scrapes through the engine: what each kind of client is told. */
class HttpTrackerTests {

    static final String PUBLISHED = "%AA".repeat(20);
    static final String FOREIGN = "%BB".repeat(20);

    private final EngineFixture f = new EngineFixture();
    private final SelectedPeers peers = new SelectedPeers(200);

    private String get(EngineFixture fixture, Endpoint remote, String target, String... headers) {
        String head = "GET " + target + " HTTP/1.1\r\n" + String.join("", headers) + "\r\n";
        byte[] bytes = head.getBytes(StandardCharsets.ISO_8859_1);
        HttpHead h = HttpHead.parse(bytes, bytes.length);
        Endpoint client = fixture.engine.client(remote, h, bytes);
        ByteBuffer out = ByteBuffer.allocate(65536);
        if (h.path == HttpHead.Path.ANNOUNCE) {
            fixture.engine.httpAnnounce(bytes, h, client, out, peers);
        } else {
            fixture.engine.httpScrape(bytes, h, client, out);
        }
        return new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1);
    }

    private String announce(Endpoint from, String hash, String more) {
        return get(f, from, "/announce?info_hash=" + hash + "&peer_id=-qB4500-abcdefghijkl&port=6881" + more);
    }

    private static Endpoint at(int lastOctet) {
        return Endpoint.ipv4(0x7F000100 | lastOctet, 50000);
    }

    @Test
    void publishedTorrentGetsPeersButNotItself() {
        announce(at(1), PUBLISHED, "&left=0");
        String answer = announce(at(2), PUBLISHED, "&left=10&event=started");
        assertThat(answer).isEqualTo("d8:completei1e10:downloadedi0e10:incompletei1e8:intervali1800e"
                + "12:min intervali300e5:peers6:\u007F\0\1\1\u001A\u00E1e");
    }

    @Test
    void seedersAreNotSentToSeeders() {
        announce(at(1), PUBLISHED, "&left=0");
        announce(at(2), PUBLISHED, "&left=5");
        String answer = announce(at(3), PUBLISHED, "&left=0");
        assertThat(answer).contains("5:peers6:\u007F\0\1\2"); // only the leecher
    }

    @Test
    void numwantDefaultsToFiftyAndIsCapped() {
        for (int i = 1; i <= 250; i++) {
            announce(Endpoint.ipv4(0x7F020000 + i, 1), PUBLISHED, "&left=1");
        }
        assertThat(announce(at(1), PUBLISHED, "&left=1")).contains("5:peers300:");
        assertThat(announce(at(1), PUBLISHED, "&left=1&numwant=100000")).contains("5:peers1200:");
        assertThat(announce(at(1), PUBLISHED, "&left=1&numwant=0")).contains("5:peers0:");
    }

    @Test
    void stoppedPeersLeaveTheSwarmAndCompletedIsCountedOnce() {
        announce(at(1), PUBLISHED, "&left=9");
        announce(at(1), PUBLISHED, "&left=0&event=completed");
        announce(at(1), PUBLISHED, "&left=0&event=completed");
        assertThat(announce(at(2), PUBLISHED, "&left=0&event=stopped"))
                .startsWith("d8:completei1e10:downloadedi1e10:incompletei0e");
        assertThat(announce(at(1), PUBLISHED, "&left=0&event=stopped"))
                .startsWith("d8:completei0e10:downloadedi1e10:incompletei0e");
    }

    @Test
    void nonCompactRequestsAreAnsweredWithDictionaries() {
        announce(at(1), PUBLISHED, "&left=0");
        assertThat(announce(at(2), PUBLISHED, "&left=1&compact=0"))
                .contains("5:peersld2:ip9:127.0.1.14:porti6881eee");
    }

    @Test
    void foreignTorrentIsRefusedWithLongIntervalAndRetryIn() {
        assertThat(announce(at(1), FOREIGN, "&left=1")).isEqualTo(
                "d14:failure reason44:this tracker only serves Seedcast's torrents"
                        + "8:intervali7200e12:min intervali7200e8:retry ini120ee");
        assertThat(f.metrics.count(Transport.HTTP, Kind.ANNOUNCE, Outcome.UNKNOWN)).isEqualTo(1);
        assertThat(f.unknown.snapshot().get(0).sources().get(0).name()).isEqualTo("127.0.1.1");
    }

    @Test
    void blockedTorrentIsToldNever() {
        f.access.block(HashKey.of(EngineFixture.FOREIGN, 0));
        assertThat(announce(at(1), FOREIGN, "&left=1"))
                .endsWith("8:intervali86400e12:min intervali86400e8:retry in5:nevere");
        assertThat(f.metrics.count(Transport.HTTP, Kind.ANNOUNCE, Outcome.BLOCKED)).isEqualTo(1);
    }

    @Test
    void badRequestsNameTheParameter() {
        assertThat(get(f, at(1), "/announce?info_hash=abc&peer_id=-qB4500-abcdefghijkl&port=1&left=0"))
                .startsWith("d14:failure reason33:info_hash must be 20 bytes, got 3");
        assertThat(f.metrics.count(Transport.HTTP, Kind.ANNOUNCE, Outcome.BAD_REQUEST)).isEqualTo(1);
    }

    @Test
    void bannedAddressesAreRefusedBeforeAnythingElse() {
        f.bans.ban(new Bans.Ban(Cidr.parse("127.0.1.0/24"), "flood", Instant.EPOCH));
        assertThat(announce(at(1), PUBLISHED, "&left=1")).startsWith(
                "d14:failure reason40:your address is banned from this tracker");
        assertThat(f.metrics.count(Transport.HTTP, Kind.ANNOUNCE, Outcome.BANNED)).isEqualTo(1);
    }

    @Test
    void rateLimitedAddressesGetACheapRefusal() {
        EngineFixture tight = new EngineFixture(TrackerDefaults.engine().withJitter(0), 1, 1);
        String target = "/announce?info_hash=" + FOREIGN + "&peer_id=-qB4500-abcdefghijkl&port=1&left=0";
        get(tight, at(1), target);
        assertThat(get(tight, at(1), target)).isEqualTo("d14:failure reason46:too many requests from your address; "
                + "slow down8:intervali3600e12:min intervali3600e8:retry ini60ee");
        assertThat(get(tight, at(2), target)).contains("only serves"); // another address has its own bucket
    }

    @Test
    void exemptNetworksAreNotLimited() {
        TrackerSettings exempt = TrackerDefaults.engine().withJitter(0)
                .withNetworks(NetworkSet.parse(java.util.List.of("127.0.1.0/24")), NetworkSet.EMPTY);
        EngineFixture tight = new EngineFixture(exempt, 1, 1);
        String target = "/announce?info_hash=" + FOREIGN + "&peer_id=-qB4500-abcdefghijkl&port=1&left=0";
        for (int i = 0; i < 10; i++) {
            assertThat(get(tight, at(1), target)).contains("only serves");
        }
    }

    @Test
    void forwardedForIsBelievedOnlyFromTrustedProxies() {
        TrackerSettings proxied = TrackerDefaults.engine().withJitter(0)
                .withNetworks(NetworkSet.EMPTY, NetworkSet.parse(java.util.List.of("10.0.0.0/8")));
        EngineFixture p = new EngineFixture(proxied);
        String target = "/announce?info_hash=" + PUBLISHED + "&peer_id=-qB4500-abcdefghijkl&port=6881&left=0";
        Endpoint proxy = Endpoint.ipv4(0x0A000001, 1234);
        get(p, proxy, target, "X-Forwarded-For: 198.51.100.1, 203.0.113.5, 10.9.9.9\r\n");
        get(p, at(1), target.replace("left=0", "left=1"), "X-Forwarded-For: 192.0.2.66\r\n");
        String answer = get(p, at(2), target.replace("left=0", "left=1"));
        // the proxy's client 203.0.113.5 (the right-most untrusted hop) and the direct 127.0.1.1,
        // never 192.0.2.66 (forged by an untrusted client) nor the proxy itself
        assertThat(answer).contains("\u00CB\0\u0071\5\u001A\u00E1").doesNotContain("\u00C0\0\2\u0042");
    }

    @Test
    void scrapeAnswersSortedFilesWithZerosForForeign() {
        announce(at(1), PUBLISHED, "&left=5&event=started");
        announce(at(1), PUBLISHED, "&left=0&event=completed");
        String answer = get(f, at(1), "/scrape?info_hash=" + FOREIGN + "&info_hash=" + PUBLISHED);
        assertThat(answer).isEqualTo("d5:filesd"
                + "20:" + "\u00AA".repeat(20) + "d8:completei1e10:downloadedi1e10:incompletei0ee"
                + "20:" + "\u00BB".repeat(20) + "d8:completei0e10:downloadedi0e10:incompletei0ee"
                + "ee");
    }

    @Test
    void ipv6ClientsGetPeers6AndIpv4ClientsGetBothFamilies() {
        Endpoint six = new Endpoint(true, 0x20010db800000000L, 5, 50000);
        announce(at(1), PUBLISHED, "&left=0");
        announce(six, PUBLISHED, "&left=0");
        String answer = announce(at(2), PUBLISHED, "&left=1");
        assertThat(answer).contains("5:peers6:\u007F\0\1\1\u001A\u00E1")
                .contains("6:peers618: \u0001\r\u00B8" + "\0".repeat(11) + "\u0005\u001A\u00E1");
    }

    @Test
    void scrapeCountsEachHashOnceEvenWhenRepeated() {
        String answer = get(f, at(1), "/scrape?info_hash=" + PUBLISHED + "&info_hash=" + PUBLISHED);
        assertThat(answer).isEqualTo("d5:filesd20:" + "\u00AA".repeat(20)
                + "d8:completei0e10:downloadedi0e10:incompletei0eeee");
    }

    @Test
    void scrapeWithoutHashIsRefusedClearly() {
        assertThat(get(f, at(1), "/scrape")).startsWith("d14:failure reason46:missing info_hash (full scrape is not offered)");
    }
}
