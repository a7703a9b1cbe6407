package org.seedcast.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.Test;
import org.seedcast.support.MovableClock;
import org.slf4j.LoggerFactory;

/**
 * Refused sign-ins are counted in memory on the request thread and written by the flush, folded
 * per user name and address per minute, with the rows a minute can cost capped and the backlog
 * bounded while the database is away.
 */
class FailedSignInsTests {

    /** The audit table in memory: rows by id; {@code calls} counts every statement. */
    static class Table extends AuditLog {
        final Map<Long, String[]> rows = new LinkedHashMap<>();
        final List<Long> updates = new ArrayList<>();
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean down;

        Table() {
            super(null, Clock.systemUTC());
        }

        @Override
        long insert(String actor, String method, String path, String detail, int status, String address) {
            calls.incrementAndGet();
            if (down) {
                throw new IllegalStateException("the database is down");
            }
            long id = rows.size() + 1;
            rows.put(id, new String[] {actor, address, detail});
            return id;
        }

        @Override
        void updateDetail(long id, String detail) {
            calls.incrementAndGet();
            if (down) {
                throw new IllegalStateException("the database is down");
            }
            rows.get(id)[2] = detail;
            updates.add(id);
        }
    }


    final Table table = new Table();
    final MovableClock clock = new MovableClock(Instant.parse("2026-11-30T14:02:05Z"));
    final FailedSignIns failed = new FailedSignIns(table, clock);

    @Test
    void aFloodFromOneUserAndAddressIsOneRowWithItsCount() {
        for (int i = 0; i < 1000; i++) {
            failed.refused("mallory", "203.0.113.7", "BadCredentialsException");
        }
        failed.flush();
        assertThat(table.rows).hasSize(1);
        assertThat(table.rows.get(1L)).containsExactly("mallory", "203.0.113.7",
                "sign-in refused 1000 times in the minute from 14:02 UTC: BadCredentialsException");

        failed.refused("mallory", "203.0.113.7", "BadCredentialsException");
        failed.flush();
        assertThat(table.rows.get(1L)[2]).startsWith("sign-in refused 1001 times");
        int before = table.calls.get();
        failed.flush();
        assertThat(table.calls.get()).as("nothing new, nothing written").isEqualTo(before);
    }

    @Test
    void eachUserAndAddressAndEachMinuteHasItsOwnRow() {
        failed.refused("mallory", "203.0.113.7", "BadCredentialsException");
        failed.refused("mallory", "203.0.113.8", "BadCredentialsException");
        failed.refused("trent", "203.0.113.7", "BadCredentialsException");
        failed.refused("trent", "203.0.113.7", "BadCredentialsException");
        clock.advance(Duration.ofSeconds(60));
        failed.refused("trent", "203.0.113.7", "BadCredentialsException");
        failed.flush();

        assertThat(table.rows).as("a new minute, a new row").hasSize(4);
        assertThat(table.rows.values()).extracting(row -> row[2]).containsExactly(
                "sign-in refused: BadCredentialsException",
                "sign-in refused: BadCredentialsException",
                "sign-in refused 2 times in the minute from 14:02 UTC: BadCredentialsException",
                "sign-in refused: BadCredentialsException");
    }

    @Test
    void pairsBeyondTheCapShareOneRowAMinute() {
        for (int i = 0; i < 5000; i++) {
            failed.refused("user-" + i, "198.51.100." + (i % 250), "BadCredentialsException");
        }
        failed.flush();
        assertThat(table.rows).hasSize(FailedSignIns.MAX_PAIRS_PER_MINUTE + 1);
        assertThat(table.rows.get(FailedSignIns.MAX_PAIRS_PER_MINUTE + 1L)).containsExactly(FailedSignIns.VARIOUS,
                FailedSignIns.VARIOUS, "sign-ins refused for other user names and addresses: 4900 times in the minute"
                        + " from 14:02 UTC: BadCredentialsException");

        clock.advance(Duration.ofSeconds(60));
        failed.refused("user-1", "198.51.100.1", "BadCredentialsException");
        failed.flush();
        assertThat(table.rows).as("the cap is per minute").hasSize(FailedSignIns.MAX_PAIRS_PER_MINUTE + 2);
    }

    @Test
    void refusingASignInNeverTouchesTheDatabase() {
        for (int i = 0; i < 1000; i++) {
            failed.refused("user-" + (i % 300), "198.51.100." + (i % 7), "BadCredentialsException");
        }
        assertThat(table.calls.get()).as("statements run on the request thread").isZero();
        failed.flush();
        assertThat(table.rows).hasSize(FailedSignIns.MAX_PAIRS_PER_MINUTE + 1);
    }

    @Test
    void refusingGoesOnWhileTheFlushIsStuckInTheDatabase() throws Exception {
        CountDownLatch stuck = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Table slow = new Table() {
            @Override
            long insert(String actor, String method, String path, String detail, int status, String address) {
                stuck.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return super.insert(actor, method, path, detail, status, address);
            }
        };
        FailedSignIns audit = new FailedSignIns(slow, clock);
        ExecutorService threads = Executors.newCachedThreadPool(); // its own threads: the flush blocks one
        CompletableFuture<Void> flush;
        // the 30 s bounds are hang guards, not speed requirements: a refusal that waits on the database never returns here
        try {
            CompletableFuture.runAsync(() -> audit.refused("mallory", "203.0.113.7", "BadCredentialsException"), threads)
                    .get(30, TimeUnit.SECONDS);
            flush = CompletableFuture.runAsync(audit::flush, threads);
            assertThat(stuck.await(30, TimeUnit.SECONDS)).as("the flush reached the database").isTrue();
            CompletableFuture.runAsync(() -> {
                for (int i = 0; i < 100; i++) {
                    audit.refused("trent", "203.0.113.8", "BadCredentialsException");
                }
            }, threads).get(30, TimeUnit.SECONDS);
        } finally {
            release.countDown();
            threads.shutdown();
        }
        flush.get(30, TimeUnit.SECONDS);
        audit.flush();
        assertThat(slow.rows.values()).extracting(row -> row[2]).contains(
                "sign-in refused 100 times in the minute from 14:02 UTC: BadCredentialsException");
    }

    @Test
    void countsWaitForTheDatabaseAndTheBacklogIsBounded() {
        table.down = true;
        failed.refused("mallory", "203.0.113.7", "BadCredentialsException");
        failed.refused("mallory", "203.0.113.7", "BadCredentialsException");
        failed.flush();
        for (int minute = 1; minute <= FailedSignIns.MAX_MINUTES_KEPT + 5; minute++) {
            clock.advance(Duration.ofSeconds(60));
            for (int i = 0; i < 3 * FailedSignIns.MAX_PAIRS_PER_MINUTE; i++) {
                failed.refused("user-" + i, "198.51.100." + (i % 250), "BadCredentialsException");
            }
            failed.flush();
        }
        assertThat(failed.pendingRows()).as("kept while the database is away, within a bound")
                .isLessThanOrEqualTo(FailedSignIns.MAX_MINUTES_KEPT * (FailedSignIns.MAX_PAIRS_PER_MINUTE + 1));

        table.down = false;
        failed.flush();
        assertThat(failed.pendingRows()).isZero();
        assertThat(table.rows.values()).as("the oldest minutes were dropped, the latest written")
                .noneMatch(row -> row[0].equals("mallory"))
                .anyMatch(row -> row[0].equals(FailedSignIns.VARIOUS));
    }

    @Test
    void userNamesNeverBreakALogLine() {
        Logger logger = (Logger) LoggerFactory.getLogger(FailedSignIns.class);
        ListAppender<ILoggingEvent> lines = new ListAppender<>();
        lines.start();
        logger.addAppender(lines);
        try {
            table.down = true;
            failed.refused("admin\r\n2026-11-30 INFO signed in as admin\u001b[0m", "203.0.113.7", "BadCredentialsException");
            failed.flush();
        } finally {
            logger.detachAppender(lines);
        }
        assertThat(lines.list).isNotEmpty();
        assertThat(lines.list).allSatisfy(line -> assertThat(line.getFormattedMessage()).doesNotContain("\r", "\n", "\u001b"));
    }
}
