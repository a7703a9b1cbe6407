package org.seedcast.torrent.bencode;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Writes the one canonical encoding of a value (BEP 3): dictionary keys in unsigned raw-byte
 * order, integers and lengths without leading zeros. Decoding strict input and encoding it again
 * gives the same bytes.
 */
public final class BencodeEncoder {

    private BencodeEncoder() {
    }

    public static byte[] encode(BValue value) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        write(value, out);
        return out.toByteArray();
    }

    private static void write(BValue value, ByteArrayOutputStream out) {
        switch (value) {
            case BInteger integer -> writeAscii("i" + integer.value() + "e", out);
            case BString string -> writeString(string, out);
            case BList list -> {
                out.write('l');
                list.values().forEach(element -> write(element, out));
                out.write('e');
            }
            case BDict dict -> {
                out.write('d');
                for (Map.Entry<BString, BValue> entry : dict.entries().entrySet()) {
                    writeString(entry.getKey(), out);
                    write(entry.getValue(), out);
                }
                out.write('e');
            }
        }
    }

    private static void writeString(BString string, ByteArrayOutputStream out) {
        writeAscii(string.length() + ":", out);
        string.writeTo(out);
    }

    private static void writeAscii(String text, ByteArrayOutputStream out) {
        out.writeBytes(text.getBytes(StandardCharsets.US_ASCII));
    }
}
