package org.seedcast.admin.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

/** Refused sign-ins are folded per user name and address per minute, and the rows a minute can cost are capped. */
class FailedSignInsTests {

    /** The audit table in memory: rows by id. */
    static final class Table extends AuditLog {
        final Map<Long, String[]> rows = new LinkedHashMap<>();
        final List<Long> updates = new ArrayList<>();

        Table() {
            super(null);
        }

        @Override
        long insert(String actor, String method, String path, String detail, int status, String address) {
            long id = rows.size() + 1;
            rows.put(id, new String[] {actor, address, detail});
            return id;
        }

        @Override
        void updateDetail(long id, String detail) {
            rows.get(id)[2] = detail;
            updates.add(id);
        }
    }

    static final class MovableClock extends Clock {
        Instant now = Instant.parse("2026-11-30T14:02:05Z");

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    final Table table = new Table();
    final MovableClock clock = new MovableClock();
    final FailedSignIns failed = new FailedSignIns(table, clock);

    @Test
    void aFloodFromOneUserAndAddressIsOneRowWithItsCount() {
        for (int i = 0; i < 1000; i++) {
            failed.refused("mallory", "203.0.113.7", "BadCredentialsException");
        }
        assertThat(table.rows).hasSize(1);
        assertThat(table.rows.get(1L)[2]).isEqualTo("sign-in refused: BadCredentialsException");

        failed.flush();
        assertThat(table.rows.get(1L)).containsExactly("mallory", "203.0.113.7",
                "sign-in refused 1000 times in the minute from 14:02 UTC: BadCredentialsException");
        failed.flush();
        assertThat(table.updates).as("nothing new, nothing written").hasSize(1);
    }

    @Test
    void eachUserAndAddressAndEachMinuteHasItsOwnRow() {
        failed.refused("mallory", "203.0.113.7", "BadCredentialsException");
        failed.refused("mallory", "203.0.113.8", "BadCredentialsException");
        failed.refused("trent", "203.0.113.7", "BadCredentialsException");
        failed.refused("trent", "203.0.113.7", "BadCredentialsException");
        assertThat(table.rows).hasSize(3);

        clock.now = clock.now.plusSeconds(60);
        failed.refused("trent", "203.0.113.7", "BadCredentialsException");
        assertThat(table.rows).as("a new minute, a new row").hasSize(4);
        assertThat(table.rows.get(3L)[2]).as("the last minute's count, written when it closed")
                .isEqualTo("sign-in refused 2 times in the minute from 14:02 UTC: BadCredentialsException");
        assertThat(table.rows.get(4L)[2]).isEqualTo("sign-in refused: BadCredentialsException");
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

        clock.now = clock.now.plusSeconds(60);
        failed.flush();
        failed.refused("user-1", "198.51.100.1", "BadCredentialsException");
        assertThat(table.rows).as("the cap is per minute").hasSize(FailedSignIns.MAX_PAIRS_PER_MINUTE + 2);
    }
}
