package org.seedcast.seeder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class ExchangeBudgetTests {

    private final AtomicLong nanos = new AtomicLong(-5_000_000_000L);

    @Test
    void holdsTwoSecondsWorthAndRefillsAtItsRate() {
        ExchangeBudget budget = new ExchangeBudget(10, nanos::get);

        assertThat(taken(budget, 30)).as("the burst: two seconds' worth").isEqualTo(20);
        nanos.addAndGet(500_000_000L);
        assertThat(taken(budget, 30)).as("half a second at 10 a second").isEqualTo(5);
        nanos.addAndGet(60_000_000_000L);
        assertThat(taken(budget, 30)).as("a quiet minute refills no more than the burst").isEqualTo(20);
    }

    @Test
    void aClockSteppedBackRefillsNothingAndZeroIsOff() {
        ExchangeBudget budget = new ExchangeBudget(10, nanos::get);
        taken(budget, 20);
        nanos.addAndGet(-3_600_000_000_000L);
        assertThat(budget.take()).isFalse();
        nanos.addAndGet(100_000_000L);
        assertThat(budget.take()).as("the refill counts from the step").isTrue();

        ExchangeBudget off = new ExchangeBudget(0, nanos::get);
        assertThat(off.enabled()).isFalse();
        assertThat(off.take()).isFalse();
    }

    private static int taken(ExchangeBudget budget, int tries) {
        int taken = 0;
        for (int i = 0; i < tries; i++) {
            taken += budget.take() ? 1 : 0;
        }
        return taken;
    }
}
