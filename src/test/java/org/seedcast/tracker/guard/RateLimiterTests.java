package org.seedcast.tracker.guard;

import static org.assertj.core.api.Assertions.assertThat;

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
}
