package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;
import org.seedcast.support.MovableClock;

/** Leaky buckets of failed sign-ins per user name and per address, on a clock the test moves. */
class SignInThrottleTests {


    final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T14:02:05Z"));
    final SignInThrottle throttle = new SignInThrottle(3, 5, Duration.ofMinutes(1), clock);

    @Test
    void aUserNameIsThrottledEverywhereAfterItsFailuresAndOneAttemptComesBackAMinute() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.wait("Alice", "203.0.113." + i)).isZero();
            throttle.failed("Alice", "203.0.113." + i);
        }
        assertThat(throttle.wait("alice", "198.51.100.1")).as("any case, any address").isEqualTo(Duration.ofMinutes(1));
        assertThat(throttle.wait("bob", "203.0.113.0")).isZero();

        clock.advance(Duration.ofSeconds(60));
        assertThat(throttle.wait("alice", "198.51.100.1")).isZero();
        throttle.failed("alice", "198.51.100.1");
        assertThat(throttle.wait("alice", "198.51.100.1")).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anAddressIsThrottledForEveryNameAndTheRightPasswordForgetsOnlyTheName() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user-" + i, "203.0.113.7");
        }
        assertThat(throttle.wait("admin", "203.0.113.7")).isPositive();
        assertThat(throttle.wait("admin", "203.0.113.8")).isZero();

        throttle.failed("carol", "192.0.2.1");
        throttle.failed("carol", "192.0.2.1");
        throttle.succeeded("carol");
        throttle.failed("carol", "192.0.2.2");
        throttle.failed("carol", "192.0.2.3");
        assertThat(throttle.wait("carol", "192.0.2.4")).as("two failures since the right password").isZero();
    }

    @Test
    void theTableStaysBoundedWhateverNamesAreSprayed() {
        SignInThrottle wide = new SignInThrottle(3, Integer.MAX_VALUE, Duration.ofMinutes(1), clock);
        for (int i = 0; i < SignInThrottle.MAX_TRACKED + 5_000; i++) {
            wide.failed("sprayed-" + i, "203.0.113.7");
        }
        assertThat(wide.tracked()).isLessThanOrEqualTo(SignInThrottle.MAX_TRACKED + 1);
        clock.advance(Duration.ofSeconds(3600));
        wide.failed("after-an-hour", "203.0.113.8");
        assertThat(wide.tracked()).as("drained buckets were forgotten to make room").isLessThan(10);
    }
}
