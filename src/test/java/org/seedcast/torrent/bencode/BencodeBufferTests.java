package org.seedcast.torrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BencodeBufferTests {

    private final ByteBuffer out = ByteBuffer.allocate(256);

    @Test
    void writesLargeAndSmallIntegers() {
        BencodeBuffer.integer(out, 0);
        BencodeBuffer.integer(out, 9);
        BencodeBuffer.integer(out, 10);
        BencodeBuffer.integer(out, Long.MAX_VALUE);
        assertThat(written()).isEqualTo("i0ei9ei10ei9223372036854775807e");
    }

    @Test
    void writesNegativeIntegersDownToTheSmallestLong() {
        BencodeBuffer.integer(out, -7);
        BencodeBuffer.integer(out, -120);
        BencodeBuffer.integer(out, Long.MIN_VALUE);
        assertThat(written()).isEqualTo("i-7ei-120ei-9223372036854775808e");
    }

    @Test
    void writesStringsAsLengthColonBytes() {
        out.put(BencodeBuffer.string("min interval"));
        BencodeBuffer.bytes(out, new byte[] {1, 2, 3, 4}, 3);
        assertThat(written()).isEqualTo("12:min interval3:\u0001\u0002\u0003");
    }

    @Test
    void whatItWritesTheStrictDecoderReadsBack() {
        out.put((byte) 'd');
        out.put(BencodeBuffer.string("complete"));
        BencodeBuffer.integer(out, 12);
        out.put(BencodeBuffer.string("peers"));
        BencodeBuffer.bytes(out, new byte[] {(byte) 192, 0, 2, 1, 0x1a, (byte) 0xe1}, 6);
        out.put((byte) 'e');

        BDict dict = (BDict) BencodeDecoder.strict().decode(Arrays.copyOf(out.array(), out.position()));
        assertThat(dict.get("complete")).contains(BInteger.of(12));
        assertThat(((BString) dict.get("peers").orElseThrow()).bytes()).hasSize(6);
    }

    private String written() {
        return new String(out.array(), 0, out.position(), StandardCharsets.ISO_8859_1);
    }
}
