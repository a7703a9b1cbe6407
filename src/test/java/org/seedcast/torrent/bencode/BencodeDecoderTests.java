package org.seedcast.torrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BencodeDecoderTests {

    private final BencodeDecoder decoder = BencodeDecoder.strict();

    @Test
    void decodesEachKindOfValue() {
        BValue value = decode("d1:ai-42e1:bl3:xyzi0eee");

        assertThat(value).isEqualTo(BDict.builder()
                .put("a", -42)
                .put("b", BList.of(BString.of("xyz"), BInteger.of(0)))
                .build());
    }

    @Test
    void keepsTheExactSpanOfEveryValue() {
        byte[] input = ascii("d4:infod6:lengthi7ee1:zi1ee");
        // the info value "d6:lengthi7ee" starts at byte 7 and is 13 bytes long

        BDict root = (BDict) decoder.decode(input);
        BValue info = root.get("info").orElseThrow();

        assertThat(info.span()).contains(new Span(7, 13));
        assertThat(new String(info.span().orElseThrow().copyFrom(input), StandardCharsets.US_ASCII))
                .isEqualTo("d6:lengthi7ee");
        assertThat(root.span()).contains(new Span(0, input.length));
    }

    @Test
    void ordersKeysByUnsignedBytesNotByJavaStrings() {
        // key 0x7f sorts before key 0xc3 0xa9 ("é") only as unsigned bytes
        byte[] input = {
                'd',
                '1', ':', 0x7f, 'i', '1', 'e',                  // key 0x7f -> 1
                '2', ':', (byte) 0xc3, (byte) 0xa9, 'i', '2', 'e', // key "é" -> 2
                'e'};

        assertThat(((BDict) decoder.decode(input)).entries()).hasSize(2);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', value = {
            "i-0e            | negative zero at byte 0",
            "i03e            | number with a leading zero at byte 0",
            "ie              | empty number at byte 0",
            "i-e             | empty number at byte 0",
            "i1x2e           | expected a digit or e, found 'x' at byte 2",
            "i9223372036854775808e | integer overflows 64 bits at byte 0",
            "i12             | truncated input: expected a digit or e at byte 3",
            "03:abc          | number with a leading zero at byte 0",
            "5:abc           | string length 5 runs past the end of input (3 bytes left) at byte 0",
            "-1:a            | expected i, l, d or a digit, found '-' at byte 0",
            "l               | truncated input: expected a list value or e at byte 1",
            "d1:a            | truncated input: expected a value at byte 4",
            "d1:bi1e1:ai2ee  | unsorted key \"a\" at byte 7",
            "d1:ai1e1:ai2ee  | duplicate key \"a\" at byte 7",
            "di1ei2ee        | dictionary key must be a byte string, found 'i' at byte 1",
            "i1ei2e          | trailing bytes after the root value at byte 3",
            "''              | truncated input: expected a value at byte 0",
    })
    void rejectsNonCanonicalOrBrokenInputNamingTheOffset(String input, String message) {
        assertThatThrownBy(() -> decode(input))
                .isInstanceOf(BencodeException.class)
                .hasMessage(message);
    }

    @Test
    void acceptsTheExtremeLongs() {
        assertThat(decode("i9223372036854775807e")).isEqualTo(BInteger.of(Long.MAX_VALUE));
        assertThat(decode("i-9223372036854775808e")).isEqualTo(BInteger.of(Long.MIN_VALUE));
    }

    @Test
    void rejectsAHugeClaimedLengthWithoutAllocatingIt() {
        assertThatThrownBy(() -> decode("2147483647:x"))
                .isInstanceOf(BencodeException.class)
                .hasMessageContaining("runs past the end of input");
        assertThatThrownBy(() -> decode("99999999999999999999:x"))
                .isInstanceOf(BencodeException.class)
                .hasMessage("integer overflows 64 bits at byte 0");
    }

    @Test
    void rejectsNestingPastTheLimit() {
        BencodeDecoder shallow = new BencodeDecoder(1024, 3, 1000);

        assertThat(shallow.decode(ascii("lllee" + "e"))).isInstanceOf(BList.class);
        assertThatThrownBy(() -> shallow.decode(ascii("lllleeee")))
                .isInstanceOf(BencodeException.class)
                .hasMessage("nesting deeper than 3 at byte 3");
    }

    @Test
    void survivesDeepNestingAttacksWithTheDefaultLimit() {
        byte[] deep = ascii("l".repeat(100_000));

        assertThatThrownBy(() -> decoder.decode(deep))
                .isInstanceOf(BencodeException.class)
                .hasMessage("nesting deeper than 100 at byte 100");
    }

    @Test
    void rejectsInputsOverTheSizeCap() {
        BencodeDecoder small = new BencodeDecoder(8, 10, 100);

        assertThatThrownBy(() -> small.decode(ascii("9:123456789")))
                .isInstanceOf(BencodeException.class)
                .hasMessage("input of 11 bytes is over the cap of 8 at byte 8");
    }

    @Test
    void rejectsMoreValuesThanTheTokenLimit() {
        BencodeDecoder few = new BencodeDecoder(1024, 10, 3);

        assertThatThrownBy(() -> few.decode(ascii("li1ei2ei3ee")))
                .isInstanceOf(BencodeException.class)
                .hasMessage("more than 3 values at byte 7");
    }

    @Test
    void theLenientDecoderTakesKeysInAnyOrderTheLastRepeatCounting() {
        BencodeDecoder lenient = decoder.lenient();

        assertThat(lenient.decode(ascii("d1:vi2e1:mi1e1:vi3ee")))
                .isEqualTo(BDict.builder().put("m", 1).put("v", 3).build());
        assertThatThrownBy(() -> decode("d1:vi2e1:mi1ee")).isInstanceOf(BencodeException.class)
                .hasMessage("unsorted key \"m\" at byte 7");
    }

    @Test
    void theLenientDecoderKeepsEveryOtherRuleAndLimit() {
        BencodeDecoder lenient = new BencodeDecoder(1024, 2, 1000).lenient();

        assertThatThrownBy(() -> lenient.decode(ascii("d1:ai03ee"))).isInstanceOf(BencodeException.class);
        assertThatThrownBy(() -> lenient.decode(ascii("d1:ad1:bd1:ci1eeee"))).isInstanceOf(BencodeException.class)
                .hasMessageStartingWith("nesting deeper than 2");
        assertThatThrownBy(() -> lenient.decode(ascii("d1:ai1e"))).isInstanceOf(BencodeException.class)
                .hasMessageStartingWith("truncated input");
    }

    @Test
    void decodeFirstReadsTheLeadingValueAndLeavesWhatFollows() {
        byte[] message = ascii("d8:msg_typei1e5:piecei0eeRAW PIECE BYTES");

        BValue header = decoder.decodeFirst(message);

        assertThat(header).isEqualTo(BDict.builder().put("msg_type", 1).put("piece", 0).build());
        assertThat(header.span()).contains(new Span(0, 25));
        assertThatThrownBy(() -> decoder.decode(message)).isInstanceOf(BencodeException.class)
                .hasMessage("trailing bytes after the root value at byte 25");
    }

    private BValue decode(String text) {
        return decoder.decode(ascii(text));
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
