package org.seedcast.torrent.bencode;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Seeded random loops: a failure prints its seed and is replayed by fixing it. */
class BencodePropertyTests {

    private static final long SEED = 20_260_301L;
    private final BencodeDecoder decoder = BencodeDecoder.strict();

    @Test
    void anyValueRoundTripsThroughEncodeAndDecode() {
        RandomBencode random = new RandomBencode(new Random(SEED));
        for (int i = 0; i < 5_000; i++) {
            BValue value = random.value(5);
            byte[] encoded = BencodeEncoder.encode(value);

            BValue decoded = decoder.decode(encoded);

            assertThat(decoded).as("case %d", i).isEqualTo(value);
            assertThat(decoded.span().orElseThrow().length()).isEqualTo(encoded.length);
        }
    }

    @Test
    void randomGarbageOnlyEverThrowsTheCodecsException() {
        RandomBencode random = new RandomBencode(new Random(SEED));
        for (int i = 0; i < 50_000; i++) {
            BencodeFuzz.checkOne(decoder, random.garbage(random.random().nextInt(64)));
        }
    }

    @Test
    void mutatedTorrentsOnlyEverThrowTheCodecsExceptionAndAcceptedOnesReencodeExactly() {
        RandomBencode random = new RandomBencode(new Random(SEED));
        for (int i = 0; i < 20_000; i++) {
            BencodeFuzz.checkOne(decoder, random.mutate(random.torrent()));
        }
    }
}
