package org.seedcast.tracker.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.protocol.HashKey;

class AccessListTests {

    private final HashKey v1 = new HashKey(1, 2, 3);
    private final HashKey v2 = new HashKey(4, 5, 6);
    private final AccessList list = new AccessList();

    @Test
    void publishedHashesOfBothVersionsAreTracked() {
        assertThat(list.verdict(v1)).isEqualTo(AccessList.Verdict.UNKNOWN);
        list.allow(List.of(v1, v2));
        assertThat(list.verdict(v1)).isEqualTo(AccessList.Verdict.TRACKED);
        assertThat(list.verdict(v2)).isEqualTo(AccessList.Verdict.TRACKED);
        list.disallow(List.of(v1, v2));
        assertThat(list.verdict(v1)).isEqualTo(AccessList.Verdict.UNKNOWN);
    }

    @Test
    void blockedHashesAreToldApart() {
        list.block(v2);
        assertThat(list.verdict(v2)).isEqualTo(AccessList.Verdict.BLOCKED);
        list.unblock(v2);
        assertThat(list.verdict(v2)).isEqualTo(AccessList.Verdict.UNKNOWN);
    }

    @Test
    void eachChangeSwapsAnImmutableSetThatReadersKeepSafely() throws InterruptedException {
        Set<HashKey> before = list.trackable();
        list.allow(List.of(v1));
        assertThat(before).isEmpty();
        assertThat(list.trackable()).containsExactly(v1);

        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong lookups = new AtomicLong();
        AtomicLong misses = new AtomicLong();
        Thread reader = new Thread(() -> {
            do {
                if (!list.tracked(v1)) { // never missing while others come and go
                    misses.incrementAndGet();
                }
                lookups.incrementAndGet();
            } while (!stop.get());
        });
        reader.start();
        while (lookups.get() == 0) { // the writes below must overlap the reads
            Thread.onSpinWait();
        }
        for (int i = 0; i < 2000; i++) {
            HashKey k = new HashKey(100, i, i);
            list.allow(List.of(k));
            list.disallow(List.of(k));
        }
        stop.set(true);
        reader.join(5000);
        assertThat(lookups.get()).isPositive();
        assertThat(misses.get()).as("lookups that missed a hash that never left").isZero();
        assertThat(list.trackable()).containsExactly(v1);
    }
}
