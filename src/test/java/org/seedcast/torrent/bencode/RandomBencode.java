package org.seedcast.torrent.bencode;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random values, torrent-shaped documents and mutations of them, for property tests and fuzzing. */
public final class RandomBencode {

    private final Random random;

    Random random() {
        return random;
    }

    public RandomBencode(Random random) {
        this.random = random;
    }

    BValue value(int depth) {
        int kind = depth <= 0 ? random.nextInt(2) : random.nextInt(4);
        return switch (kind) {
            case 0 -> BInteger.of(integer());
            case 1 -> BString.of(bytes(random.nextInt(40)));
            case 2 -> list(depth);
            default -> dict(depth);
        };
    }

    /** A single-file torrent shape: the kinds of keys and sizes a decoder meets in the wild. */
    byte[] torrent() {
        BDict info = BDict.builder()
                .put("length", random.nextLong(1L << 40))
                .put("name", "episode-" + random.nextInt(1000) + ".mp4")
                .put("piece length", 1L << (14 + random.nextInt(10)))
                .put("pieces", BString.of(bytes(20 * (1 + random.nextInt(20)))))
                .put("file tree", BDict.builder().put("x.mp4", BDict.builder()
                        .put("", BDict.builder().put("length", 5).put("pieces root",
                                BString.of(bytes(32))).build()).build()).build())
                .build();
        return BencodeEncoder.encode(BDict.builder()
                .put("announce", "http://tracker.example/announce")
                .put("announce-list", BList.of(BList.of(BString.of("udp://tracker.example:6969"))))
                .put("creation date", 1_700_000_000L)
                .put("info", info)
                .put("url-list", BList.of(BString.of("https://media.example/e.mp4")))
                .build());
    }

    /** Flips, inserts, deletes or duplicates a few bytes, or cuts the input short. */
    public byte[] mutate(byte[] input) {
        byte[] bytes = input.clone();
        int edits = 1 + random.nextInt(4);
        for (int i = 0; i < edits && bytes.length > 0; i++) {
            int at = random.nextInt(bytes.length);
            bytes = switch (random.nextInt(5)) {
                case 0 -> flip(bytes, at);
                case 1 -> splice(bytes, at, new byte[] {interestingByte()});
                case 2 -> remove(bytes, at, 1 + random.nextInt(Math.min(8, bytes.length - at)));
                case 3 -> splice(bytes, at, java.util.Arrays.copyOfRange(bytes, at,
                        Math.min(bytes.length, at + random.nextInt(16))));
                default -> java.util.Arrays.copyOf(bytes, at);
            };
        }
        return bytes;
    }

    byte[] bytes(int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** Random bytes drawn mostly from bencode's own alphabet, so they get past the first byte. */
    byte[] garbage(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : interestingByte();
        }
        return bytes;
    }

    private long integer() {
        return switch (random.nextInt(4)) {
            case 0 -> random.nextLong();
            case 1 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
            default -> random.nextInt(2001) - 1000;
        };
    }

    private BList list(int depth) {
        List<BValue> values = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            values.add(value(depth - 1));
        }
        return BList.of(values);
    }

    private BDict dict(int depth) {
        BDict.Builder builder = BDict.builder();
        for (int i = random.nextInt(5); i > 0; i--) {
            builder.put(BString.of(bytes(random.nextInt(6))), value(depth - 1));
        }
        return builder.build();
    }

    private byte interestingByte() {
        return (byte) "ilde0123456789:-".charAt(random.nextInt(16));
    }

    private static byte[] flip(byte[] bytes, int at) {
        bytes[at] ^= (byte) (1 << (at % 8));
        return bytes;
    }

    private static byte[] splice(byte[] bytes, int at, byte[] insert) {
        byte[] out = new byte[bytes.length + insert.length];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(insert, 0, out, at, insert.length);
        System.arraycopy(bytes, at, out, at + insert.length, bytes.length - at);
        return out;
    }

    private static byte[] remove(byte[] bytes, int at, int count) {
        byte[] out = new byte[bytes.length - count];
        System.arraycopy(bytes, 0, out, 0, at);
        System.arraycopy(bytes, at + count, out, at, bytes.length - at - count);
        return out;
    }
}
