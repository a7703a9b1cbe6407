package org.seedcast.tracker.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class HttpQueryTests {

    /** 20 bytes covering every escaping case: unreserved, reserved, high bytes, '%' itself. */
    static final String HASH_ENCODED = "%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%00%FF~.-_";
    static final byte[] HASH = {
            0x12, '4', 'V', 'x', (byte) 0x9A, (byte) 0xBC, (byte) 0xDE, (byte) 0xF1, 0x23, 'E',
            'g', (byte) 0x89, (byte) 0xAB, (byte) 0xCD, (byte) 0xEF, 0x00, (byte) 0xFF, '~', '.', '-'};
    static final String PEER = "-qB4500-abcdefghijkl";
    static final String VALID = "info_hash=" + "%124Vx%9A%BC%DE%F1%23Eg%89%AB%CD%EF%00%FF~.-"
            + "&peer_id=" + PEER + "&port=6881&uploaded=0&downloaded=10&left=123456789012&event=started"
            + "&compact=1&numwant=30&key=abc&no_peer_id=1";

    static AnnounceRequest parse(String query) {
        byte[] b = query.getBytes(StandardCharsets.ISO_8859_1);
        return HttpQuery.parseAnnounce(b, 0, b.length);
    }

    static String reason(String query) {
        try {
            parse(query);
        } catch (BadRequest e) {
            return e.reason();
        }
        throw new AssertionError("accepted: " + query);
    }

    @Test
    void parsesEveryFieldFromRawBytes() {
        AnnounceRequest r = parse(VALID);
        assertThat(r.infoHash()).isEqualTo(HashKey.of(HASH, 0));
        assertThat(r.peerIdPrefix()).isEqualTo(bytesToLong("-qB4500-"));
        assertThat(r.port()).isEqualTo(6881);
        assertThat(r.uploaded()).isZero();
        assertThat(r.downloaded()).isEqualTo(10);
        assertThat(r.left()).isEqualTo(123456789012L);
        assertThat(r.event()).isEqualTo(Event.STARTED);
        assertThat(r.compact()).isTrue();
        assertThat(r.numWant()).isEqualTo(30);
        assertThat(r.seeder()).isFalse();
    }

    @Test
    void decodesEscapesOfEitherCaseAndPlusAsSpace() {
        String lower = "info_hash=%ab%cd%ef" + "+".repeat(17) + "&peer_id=" + PEER + "&port=1&left=0";
        AnnounceRequest r = parse(lower);
        byte[] expected = new byte[20];
        expected[0] = (byte) 0xAB;
        expected[1] = (byte) 0xCD;
        expected[2] = (byte) 0xEF;
        for (int i = 3; i < 20; i++) {
            expected[i] = ' ';
        }
        assertThat(r.infoHash()).isEqualTo(HashKey.of(expected, 0));
        assertThat(r.seeder()).isTrue();
    }

    @Test
    void defaultsWhenOptionalParametersAreAbsent() {
        AnnounceRequest r = parse("info_hash=" + "a".repeat(20) + "&peer_id=" + PEER + "&port=1&left=5");
        assertThat(r.event()).isEqualTo(Event.NONE);
        assertThat(r.numWant()).isEqualTo(-1);
        assertThat(r.compact()).isTrue();
        assertThat(r.uploaded()).isZero();
        assertThat(r.ip()).isNull();
    }

    @Test
    void acceptsNonCompactAndEveryEvent() {
        String base = "info_hash=" + "a".repeat(20) + "&peer_id=" + PEER + "&port=1&left=5";
        assertThat(parse(base + "&compact=0").compact()).isFalse();
        assertThat(parse(base + "&event=completed").event()).isEqualTo(Event.COMPLETED);
        assertThat(parse(base + "&event=stopped").event()).isEqualTo(Event.STOPPED);
        assertThat(parse(base + "&event=paused").event()).isEqualTo(Event.PAUSED);
        assertThat(parse(base + "&event=empty").event()).isEqualTo(Event.NONE);
        assertThat(parse(base + "&event=").event()).isEqualTo(Event.NONE);
        assertThat(parse(base + "&num_want=7").numWant()).isEqualTo(7);
        assertThat(parse(base + "&numwant=999999999999").numWant()).isEqualTo(1 << 20);
        assertThat(parse(base + "&unknown=x&&=&supportcrypto=1").port()).isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            missing info_hash          | peer_id=-qB4500-abcdefghijkl&port=1&left=0                       | missing info_hash
            missing peer_id            | info_hash=aaaaaaaaaaaaaaaaaaaa&port=1&left=0                     | missing peer_id
            missing port               | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&left=0 | missing port
            missing left               | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=1 | missing left
            short info_hash            | info_hash=aaaa&peer_id=-qB4500-abcdefghijkl&port=1&left=0        | info_hash must be 20 bytes, got 4
            long info_hash             | info_hash=aaaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=1&left=0 | info_hash must be 20 bytes, got 21
            empty info_hash            | info_hash=&peer_id=-qB4500-abcdefghijkl&port=1&left=0            | info_hash must be 20 bytes, got 0
            short peer_id              | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-&port=1&left=0     | peer_id must be 20 bytes, got 8
            truncated escape           | info_hash=aaaaaaaaaaaaaaaaaaa%4&peer_id=-qB4500-abcdefghijkl&port=1&left=0 | info_hash has bad percent-encoding at byte 19
            escape at end              | info_hash=aaaaaaaaaaaaaaaaaaa%&peer_id=-qB4500-abcdefghijkl&port=1&left=0 | info_hash has bad percent-encoding at byte 19
            non-hex escape             | info_hash=%zzaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=1&left=0 | info_hash has bad percent-encoding at byte 0
            bad peer_id escape         | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=%G1qB4500-abcdefghijk&port=1&left=0 | peer_id has bad percent-encoding at byte 0
            port zero                  | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=0&left=0 | port must be between 1 and 65535, got 0
            port too big               | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=65536&left=0 | port must be between 1 and 65535, got 65536
            port not a number          | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=http&left=0 | port is not a number
            port empty                 | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=&left=0 | port is empty
            port without value         | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port&left=0 | port is empty
            negative left              | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=1&left=-1 | left must not be negative
            absurd uploaded            | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=1&left=0&uploaded=99999999999999999999 | uploaded is too large
            downloaded not a number    | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=1&left=0&downloaded=1e9 | downloaded is not a number
            numwant negative           | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=1&left=0&numwant=-5 | numwant must not be negative
            unknown event              | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=1&left=0&event=finished | event must be started, completed, stopped, paused or empty
            bad compact                | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=1&left=0&compact=yes | compact must be 0 or 1
            bad no_peer_id             | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=1&left=0&no_peer_id=2 | no_peer_id must be 0 or 1
            info_hash twice            | info_hash=aaaaaaaaaaaaaaaaaaaa&info_hash=bbbbbbbbbbbbbbbbbbbb&peer_id=-qB4500-abcdefghijkl&port=1&left=0 | info_hash is given more than once
            numwant and num_want       | info_hash=aaaaaaaaaaaaaaaaaaaa&peer_id=-qB4500-abcdefghijkl&port=1&left=0&numwant=1&num_want=2 | numwant is given more than once
            empty query                | ''                                                               | missing info_hash
            """)
    void refusesMalformedAnnouncesNamingTheParameter(String name, String query, String reason) {
        assertThat(reason(query)).isEqualTo(reason);
    }

    @Test
    void refusesOversizedValues() {
        String big = "info_hash=" + "%41".repeat(100) + "&peer_id=" + PEER + "&port=1&left=0";
        assertThat(reason(big)).isEqualTo("info_hash is too long");
        assertThat(reason("info_hash=" + "a".repeat(20) + "&peer_id=" + PEER + "&port=1&left=0&ip=" + "1".repeat(300)))
                .isEqualTo("ip is too long");
    }

    @Test
    void scrapeKeepsEveryHashInOrder() {
        byte[] q = ("info_hash=" + "a".repeat(20) + "&info_hash=" + HASH_ENCODED.substring(0, HASH_ENCODED.length() - 1))
                .getBytes(StandardCharsets.ISO_8859_1);
        List<HashKey> hashes = HttpQuery.parseScrape(q, 0, q.length, 10);
        assertThat(hashes).containsExactly(HashKey.of("a".repeat(20).getBytes(StandardCharsets.US_ASCII), 0), HashKey.of(HASH, 0));
    }

    @Test
    void scrapeRefusesFullScrapesBadHashesAndTooMany() {
        assertThatThrownBy(() -> scrape("")).hasMessage("missing info_hash (full scrape is not offered)");
        assertThatThrownBy(() -> scrape("info_hash=abc")).hasMessage("info_hash must be 20 bytes, got 3");
        assertThatThrownBy(() -> scrape("info_hash=" + "a".repeat(19) + "%x1")).hasMessage("info_hash has bad percent-encoding at byte 19");
        String three = ("info_hash=" + "a".repeat(20) + "&").repeat(3);
        assertThatThrownBy(() -> scrape(three)).hasMessage("too many info_hash parameters (at most 2)");
    }

    private static List<HashKey> scrape(String query) {
        byte[] q = query.getBytes(StandardCharsets.ISO_8859_1);
        return HttpQuery.parseScrape(q, 0, q.length, 2);
    }

    private static long bytesToLong(String eight) {
        long v = 0;
        for (char c : eight.toCharArray()) {
            v = v << 8 | c;
        }
        return v;
    }
}
