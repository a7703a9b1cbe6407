package org.seedcast.torrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BencodeEncoderTests {

    @Test
    void encodesEachKindOfValue() {
        BDict dict = BDict.builder()
                .put("spam", BList.of(BString.of("a"), BInteger.of(-3)))
                .put("cow", "moo")
                .build();

        assertThat(text(BencodeEncoder.encode(dict))).isEqualTo("d3:cow3:moo4:spaml1:ai-3eee");
    }

    @Test
    void sortsKeysByUnsignedRawBytes() {
        BDict dict = BDict.builder()
                .put(BString.of(new byte[] {(byte) 0xc3, (byte) 0xa9}), BInteger.of(2)) // "é"
                .put(BString.of(new byte[] {0x7f}), BInteger.of(1))
                .put("Z", 0)
                .build();

        assertThat(BencodeEncoder.encode(dict)).containsExactly(
                'd',
                '1', ':', 'Z', 'i', '0', 'e',                      // "Z" (0x5a) first
                '1', ':', 0x7f, 'i', '1', 'e',                      // 0x7f next
                '2', ':', (byte) 0xc3, (byte) 0xa9, 'i', '2', 'e', // 0xc3 last: unsigned
                'e');
    }

    @Test
    void writesEmptyKeysAndStrings() {
        BDict dict = BDict.builder().put("", BString.of("")).build();

        assertThat(text(BencodeEncoder.encode(dict))).isEqualTo("d0:0:e");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.ISO_8859_1);
    }
}
