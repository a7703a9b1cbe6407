package org.seedcast.publishing.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.seedcast.torrent.Verdict;
import org.seedcast.torrent.Verification;

/** {@code /verify} parses what anyone uploads within a bounded heap. */
class VerifyControllerTests {

    @Test
    void aBencodeBombIsRefusedWithinABoundedHeap() {
        byte[] bomb = bomb(500_000); // 1,000,002 bytes: within the size cap, half a million values
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        Verification result = VerifyController.check(bomb, null);
        long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertThat(result.verdict()).isEqualTo(Verdict.MALFORMED);
        assertThat(result.reason()).contains("more than");
        // unbounded, these values cost tens of megabytes; a few dozen thousand cost a few
        assertThat(allocated).as("bytes allocated to refuse the bomb").isLessThan(24L << 20);
    }

    /** The review's bomb: a list of {@code count} empty strings. */
    static byte[] bomb(int count) {
        byte[] bomb = new byte[2 + 2 * count];
        Arrays.fill(bomb, (byte) ':');
        bomb[0] = 'l';
        for (int i = 1; i < bomb.length - 1; i += 2) {
            bomb[i] = '0';
        }
        bomb[bomb.length - 1] = 'e';
        return bomb;
    }
}
