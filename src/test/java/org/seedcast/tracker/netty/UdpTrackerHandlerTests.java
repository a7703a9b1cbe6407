package org.seedcast.tracker.netty;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class UdpTrackerHandlerTests {

    @Test
    void aDatagramIsCopiedWhole_atAnyLengthAndOffset_andCutAtTheScratchBuffersSize() {
        SplittableRandom random = new SplittableRandom(15);
        ByteBuffer to = ByteBuffer.allocate(64);
        for (int offset = 0; offset < 9; offset++) {
            for (int length = 0; length <= 80; length++) {
                byte[] bytes = new byte[offset + length];
                random.nextBytes(bytes);
                ByteBuf from = PooledByteBufAllocator.DEFAULT.directBuffer(bytes.length);
                try {
                    from.writeBytes(bytes).readerIndex(offset);
                    Arrays.fill(to.array(), (byte) 0);
                    int copied = UdpTrackerHandler.copy(from, to);
                    int expected = Math.min(length, to.capacity());
                    assertThat(copied).isEqualTo(expected);
                    assertThat(Arrays.copyOf(to.array(), copied))
                            .isEqualTo(Arrays.copyOfRange(bytes, offset, offset + expected));
                    assertThat(from.readerIndex()).isEqualTo(offset);
                } finally {
                    from.release();
                }
            }
        }
    }
}
