package org.seedcast.torrent.bencode;

import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;

/**
 * A bounded-time fuzz run of the strict decoder: random garbage and mutated torrents must either
 * decode to a value that re-encodes to the same bytes, or throw {@link BencodeException}, never
 * anything else. Run by {@code bench/fuzz-bencode.sh SECONDS [SEED]}.
 */
public final class BencodeFuzz {

    private BencodeFuzz() {
    }

    public static void main(String[] args) {
        long seconds = args.length > 0 ? Long.parseLong(args[0]) : 60;
        long seed = args.length > 1 ? Long.parseLong(args[1]) : System.nanoTime();
        long deadline = System.nanoTime() + seconds * 1_000_000_000L;
        RandomBencode random = new RandomBencode(new Random(seed));
        BencodeDecoder decoder = BencodeDecoder.strict();
        long cases = 0;
        long accepted = 0;
        while (System.nanoTime() < deadline) {
            for (int i = 0; i < 1_000; i++, cases++) {
                byte[] input = i % 2 == 0 ? random.mutate(random.torrent())
                        : random.garbage(random.random().nextInt(128));
                accepted += checkOne(decoder, input) ? 1 : 0;
            }
        }
        System.out.printf("bencode fuzz: seed %d, %d cases in %d s, %d accepted, no failure%n",
                seed, cases, seconds, accepted);
    }

    /** True when the input decoded; throws {@link AssertionError} on any property violation. */
    static boolean checkOne(BencodeDecoder decoder, byte[] input) {
        BValue value;
        try {
            value = decoder.decode(input);
        } catch (BencodeException expected) {
            return false;
        } catch (RuntimeException | StackOverflowError e) {
            throw new AssertionError("decoder threw " + e + " for " + HexFormat.of().formatHex(input), e);
        }
        if (!Arrays.equals(BencodeEncoder.encode(value), input)) {
            throw new AssertionError("accepted input does not re-encode to itself: "
                    + HexFormat.of().formatHex(input));
        }
        return true;
    }
}
