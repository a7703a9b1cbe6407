package org.seedcast.seeder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class UploadLimitTests {

    static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void noLimitNeverWaits() {
        UploadLimit none = new UploadLimit(0);
        none.take(1L << 40, 0);
        assertThat(none.delay(0)).isZero();
    }

    @Test
    void aBurstOfTwoBlocksGoesAtOnceThenTheDebtIsWaitedOut() {
        UploadLimit limit = new UploadLimit(100_000); // a burst of two blocks: a tenth of a second is less
        long t = 5 * SECOND;
        assertThat(limit.delay(t)).isZero();
        limit.take(16_384, t);
        assertThat(limit.delay(t)).isZero();
        limit.take(16_384, t);
        assertThat(limit.delay(t)).as("out of tokens").isPositive();

        long wait = limit.delay(t);
        assertThat(wait).isLessThanOrEqualTo(SECOND / 100_000 + 1);
        assertThat(limit.delay(t + wait)).isZero();
    }

    @Test
    void overALongRunItSendsNoMoreThanTheRate() {
        UploadLimit limit = new UploadLimit(1_000_000);
        long t = 0;
        long sent = 0;
        while (t < 10 * SECOND) {
            long wait = limit.delay(t);
            if (wait > 0) {
                t += wait;
                continue;
            }
            limit.take(16_384, t);
            sent += 16_384;
        }
        // ten seconds' worth, the first burst and one block of debt at most
        assertThat(sent).isBetween(10_000_000L - 16_384, 10_000_000L + 100_000 + 2 * 16_384);
    }
}
