package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.support.MovableClock;
import org.seedcast.support.TestPostgres;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Leaky buckets of failed sign-ins per user name and per address, on a clock the test moves, in a
 * database of their own (the run's PostgreSQL) that two throttles share as two web nodes do.
 */
class SignInThrottleTests {

    private static JdbcClient jdbc;

    final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T14:02:05Z"));
    final SignInThrottle throttle = new SignInThrottle(3, 5, Duration.ofMinutes(1), clock, jdbc);
    /** A second web node on the same database. */
    final SignInThrottle otherNode = new SignInThrottle(3, 5, Duration.ofMinutes(1), clock, jdbc);

    @BeforeAll
    static void database() {
        DataSource database = TestPostgres.createDatabase("sign_in_throttle");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        jdbc = JdbcClient.create(database);
    }

    @BeforeEach
    void noFailuresYet() {
        jdbc.sql("delete from sign_in_failures").update();
    }

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
    void failuresSpreadOverTwoWebNodesAddUpToOneLimit() {
        throttle.failed("dave", "203.0.113.20");
        otherNode.failed("dave", "203.0.113.21");
        assertThat(throttle.wait("dave", "203.0.113.22")).isZero();
        otherNode.failed("dave", "203.0.113.22");

        assertThat(throttle.wait("dave", "198.51.100.2")).as("three failures, on either node").isPositive();
        assertThat(otherNode.wait("dave", "198.51.100.2")).isPositive();
        otherNode.succeeded("dave");
        assertThat(throttle.wait("dave", "198.51.100.2")).as("signed in on the other node").isZero();
    }

    @Test
    void drainedBucketsAreDeletedSoTheTableHoldsOnlyWhatStillCounts() {
        for (int i = 0; i < 50; i++) {
            throttle.failed("sprayed-" + i, "203.0.113.7");
        }
        assertThat(throttle.tracked()).isEqualTo(51);
        clock.advance(Duration.ofSeconds(3600));
        throttle.failed("after-an-hour", "203.0.113.8");
        assertThat(throttle.tracked()).as("drained buckets were forgotten").isEqualTo(2);
    }
}
