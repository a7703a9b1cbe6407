package org.seedcast.tracker.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class HashKeyTests {

    private static byte[] bytes(int changed) {
        byte[] b = new byte[20];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) (i * 7 + 1);
        }
        if (changed >= 0) {
            b[changed] ^= 0x40;
        }
        return b;
    }

    @Test
    void equalWhenAllTwentyBytesAreEqualAndOnlyThen() {
        HashKey key = HashKey.of(bytes(-1), 0);
        assertThat(key).isEqualTo(HashKey.read(ByteBuffer.wrap(bytes(-1)))).hasSameHashCodeAs(HashKey.of(bytes(-1), 0));
        for (int i = 0; i < 20; i++) { // a difference in any byte: in the high, middle or low word
            assertThat(HashKey.of(bytes(i), 0)).as("byte %d", i).isNotEqualTo(key);
        }
        assertThat(key.equals(null)).isFalse();
        assertThat(key.equals((Object) key.toString())).isFalse();
        Set<HashKey> set = new HashSet<>();
        for (int i = -1; i < 20; i++) {
            set.add(HashKey.of(bytes(i), 0));
        }
        assertThat(set).hasSize(21).contains(HashKey.of(bytes(5), 0));
    }
}
