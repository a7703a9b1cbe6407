package org.seedcast.tracker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class HttpAnswersTests {

    private final ByteBuffer out = ByteBuffer.allocate(8192);

    private String written() {
        return new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1);
    }

    private static SelectedPeers peers() {
        SelectedPeers p = new SelectedPeers(4);
        p.seeders = 3;
        p.leechers = 12;
        p.completed = 42;
        // 10.0.0.1:6881 and 192.168.1.2:51413
        byte[] v4 = {10, 0, 0, 1, 0x1A, (byte) 0xE1, (byte) 192, (byte) 168, 1, 2, (byte) 0xC8, (byte) 0xD5};
        System.arraycopy(v4, 0, p.v4, 0, v4.length);
        p.v4Count = 2;
        return p;
    }

    @Test
    void compactAnnounceHasSortedKeysAndSixBytesPerPeer() {
        HttpAnswers.announce(out, peers(), 1800, 300, true);
        assertThat(written()).isEqualTo("d8:completei3e10:downloadedi42e10:incompletei12e8:intervali1800e"
                + "12:min intervali300e5:peers12:\n\0\0\1\u001A\u00E1\u00C0\u00A8\1\2\u00C8\u00D5e");
    }

    @Test
    void ipv6PeersGoToPeers6WithEighteenBytesEach() {
        SelectedPeers p = new SelectedPeers(2);
        p.v6[0] = 0x20;
        p.v6[1] = 0x01;
        p.v6[15] = 0x01; // 2001::1
        p.v6[16] = 0x1A;
        p.v6[17] = (byte) 0xE1; // port 6881
        p.v6Count = 1;
        HttpAnswers.announce(out, p, 60, 30, true);
        assertThat(written()).isEqualTo("d8:completei0e10:downloadedi0e10:incompletei0e8:intervali60e"
                + "12:min intervali30e5:peers0:6:peers618: \u0001" + "\0".repeat(13) + "\u0001\u001A\u00E1e");
    }

    @Test
    void nonCompactAnswerListsDictionariesWithoutPeerIds() {
        SelectedPeers p = peers();
        p.v6[15] = 1;
        p.v6[17] = 80;
        p.v6Count = 1;
        HttpAnswers.announce(out, p, 1800, 300, false);
        assertThat(written()).isEqualTo("d8:completei3e10:downloadedi42e10:incompletei12e8:intervali1800e"
                + "12:min intervali300e5:peersl"
                + "d2:ip8:10.0.0.14:porti6881ee"
                + "d2:ip11:192.168.1.24:porti51413ee"
                + "d2:ip15:0:0:0:0:0:0:0:14:porti80ee"
                + "ee");
    }

    @Test
    void refusalCarriesIntervalMinIntervalAndRetryIn() {
        HttpAnswers.failure(out, HttpAnswers.reason("this tracker only serves Acme's torrents"), 7200, 120);
        assertThat(written()).isEqualTo("d14:failure reason40:this tracker only serves Acme's torrents"
                + "8:intervali7200e12:min intervali7200e8:retry ini120ee");
    }

    @Test
    void blockedRefusalSaysRetryNever() {
        HttpAnswers.failure(out, HttpAnswers.reason("blocked"), 86400, -1);
        assertThat(written()).isEqualTo("d14:failure reason7:blocked8:intervali86400e12:min intervali86400e"
                + "8:retry in5:nevere");
    }

    @Test
    void scrapeListsFilesByRawHash() {
        byte[] raw = new byte[20];
        raw[0] = 'A';
        HashKey key = HashKey.of(raw, 0);
        HttpAnswers.scrape(out, List.of(key), new long[] {5, 9, 2});
        assertThat(written()).isEqualTo("d5:filesd20:A" + "\0".repeat(19)
                + "d8:completei5e10:downloadedi9e10:incompletei2eeee");
    }

    @Test
    void headEndsExactlyWhereTheBodyStarts() {
        out.position(HttpAnswers.HEAD_ROOM);
        out.put("d1:ai1ee".getBytes(StandardCharsets.US_ASCII));
        int end = out.position();
        int start = HttpAnswers.headBefore(out, HttpAnswers.HEAD_ROOM, end - HttpAnswers.HEAD_ROOM, false);
        assertThat(new String(out.array(), start, end - start, StandardCharsets.US_ASCII)).isEqualTo(
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 8\r\nConnection: close\r\n\r\nd1:ai1ee");
    }
}
