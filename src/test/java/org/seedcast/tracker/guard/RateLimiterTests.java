package org.seedcast.tracker.guard;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.guard.RateLimiter.Decision;

class RateLimiterTests {

    private final AtomicLong now = new AtomicLong(1_000_000);

    @Test
    void allowsTheBurstThenTheRate() {
        RateLimiter limiter = new RateLimiter(10, 5, 1024, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(limiter.acquire(1)).isEqualTo(Decision.ALLOW);
        }
        assertThat(limiter.acquire(1)).isEqualTo(Decision.LIMIT);
        now.addAndGet(200); // 10 per second: the refused request's debt is repaid, then one token
        assertThat(limiter.acquire(1)).isEqualTo(Decision.ALLOW);
        assertThat(limiter.acquire(2)).isEqualTo(Decision.ALLOW); // its own bucket
    }

    @Test
    void tellsFarOverBudgetApartAndRecovers() {
        RateLimiter limiter = new RateLimiter(1, 3, 1024, now::get);
        for (int i = 0; i < 3; i++) {
            limiter.acquire(7);
        }
        for (int i = 0; i < 3; i++) {
            assertThat(limiter.acquire(7)).isEqualTo(Decision.LIMIT);
        }
        assertThat(limiter.farOver(7)).as("only the last refusal left the debt beyond a burst").isFalse();
        assertThat(limiter.acquire(7)).isEqualTo(Decision.FAR_OVER);
        assertThat(limiter.farOver(7)).isTrue();
        assertThat(limiter.farOver(7)).as("asking spends nothing").isTrue();
        assertThat(limiter.farOver(8)).isFalse();
        now.addAndGet(10_000);
        assertThat(limiter.farOver(7)).isFalse();
        assertThat(limiter.acquire(7)).isEqualTo(Decision.ALLOW);
    }

    @Test
    void aMillionAddressesStayInTheFixedTable() {
        RateLimiter limiter = new RateLimiter(1, 1, 4096, now::get);
        for (long a = 1; a <= 1_000_000; a++) {
            now.incrementAndGet();
            limiter.acquire(a);
        }
        // the table did not grow; a recent heavy address is still remembered
        for (int i = 0; i < 3; i++) {
            limiter.acquire(42_000_000L);
        }
        assertThat(limiter.acquire(42_000_000L)).isNotEqualTo(Decision.ALLOW);
    }

    @Test
    void sharedLimitersSpendOneBudgetForAnAddressThatSendsToBoth() {
        RateLimiter first = new RateLimiter(1, 10, 1024, now::get, true);
        RateLimiter second = new RateLimiter(1, 10, 1024, now::get, true);
        for (int i = 0; i < 6; i++) {
            assertThat(first.acquire(7)).isEqualTo(Decision.ALLOW);
        }
        first.acquire(8); // below the share threshold: not worth the others' time
        ByteBuffer spending = ByteBuffer.allocate(first.maxSpendingBytes());
        first.drainSpending(spending);
        assertThat(second.chargeAll(spending.flip())).isEqualTo(1);

        for (int i = 0; i < 4; i++) { // 10 in all, six of them spent on the first
            assertThat(second.acquire(7)).isEqualTo(Decision.ALLOW);
        }
        assertThat(second.acquire(7)).isEqualTo(Decision.LIMIT);
        ByteBuffer back = ByteBuffer.allocate(second.maxSpendingBytes());
        second.drainSpending(back);
        assertThat(back.position()).as("charges are not sent back, the second's own requests are")
                .isEqualTo(RateLimiter.SPENDING_BYTES);
    }

    @Test
    void aLimiterThatIsNotSharedListsNothing() {
        RateLimiter limiter = new RateLimiter(1, 10, 1024, now::get);
        for (int i = 0; i < 10; i++) {
            limiter.acquire(7);
        }
        assertThat(limiter.maxSpendingBytes()).isZero();
        ByteBuffer out = ByteBuffer.allocate(64);
        limiter.drainSpending(out);
        assertThat(out.position()).isZero();
    }
}
