package org.seedcast.admin.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Map;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refused sign-ins, one audit row per user name and address per minute: the first refusal is
 * written at once, later ones in the same minute only count in memory, and the row's detail is
 * rewritten with the count every few seconds ({@code sign-in refused 37 times in the minute
 * from 14:02 UTC}). A flood of bad HTTP Basic credentials, which reaches the application on
 * every request, so costs the database at most {@value #MAX_PAIRS_PER_MINUTE} inserts a minute
 * plus one row for the pairs beyond them, instead of one row a request.
 */
@Component
class FailedSignIns {

    static final int MAX_PAIRS_PER_MINUTE = 100;
    static final String VARIOUS = "(various)";

    private static final Logger log = LoggerFactory.getLogger(FailedSignIns.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final AuditLog auditLog;
    private final Clock clock;
    private final Map<Pair, Tally> tallies = new LinkedHashMap<>();
    private Tally overflow;
    private long minute = Long.MIN_VALUE;

    @Autowired
    FailedSignIns(AuditLog auditLog) {
        this(auditLog, Clock.systemUTC());
    }

    FailedSignIns(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Counts a refusal; writes a row only for the first of its pair in the minute (or the first overflow). */
    synchronized void refused(String actor, String address, String reason) {
        long now = clock.millis() / 60_000;
        if (now != minute) {
            flush();
            minute = now;
        }
        Pair pair = new Pair(actor, address);
        Tally tally = tallies.get(pair);
        if (tally != null) {
            tally.add(reason);
            return;
        }
        try {
            if (tallies.size() < MAX_PAIRS_PER_MINUTE) {
                long id = auditLog.insert(actor, "POST", "/login", "sign-in refused: " + reason, 401, address);
                tallies.put(pair, new Tally(id, reason));
            } else if (overflow == null) {
                long id = auditLog.insert(VARIOUS, "POST", "/login", "sign-in refused: " + reason
                        + " (more user names and addresses than the log keeps apart in a minute)", 401, VARIOUS);
                overflow = new Tally(id, reason);
            } else {
                overflow.add(reason);
            }
        } catch (RuntimeException e) {
            log.error("Could not write the audit log entry for a refused sign-in by {} from {}", actor, address, e);
        }
    }

    /** Writes the counts that grew into their rows; forgets a minute once it is over. */
    @Scheduled(fixedDelayString = "PT5S")
    synchronized void flush() {
        try {
            for (Tally tally : tallies.values()) {
                write(tally, "sign-in refused ");
            }
            if (overflow != null) {
                write(overflow, "sign-ins refused for other user names and addresses: ");
            }
        } catch (RuntimeException e) {
            log.error("Could not update the audit log's refused sign-ins", e);
        }
        if (clock.millis() / 60_000 != minute) {
            tallies.clear();
            overflow = null;
        }
    }

    private void write(Tally tally, String prefix) {
        if (tally.count > tally.written) {
            String from = HH_MM.format(Instant.ofEpochSecond(minute * 60));
            auditLog.updateDetail(tally.id, prefix + tally.count + " times in the minute from " + from + " UTC: " + tally.reason);
            tally.written = tally.count;
        }
    }

    private record Pair(String actor, String address) {
    }

    private static final class Tally {
        final long id;
        String reason;
        int count = 1;
        int written = 1;

        Tally(long id, String reason) {
            this.id = id;
            this.reason = reason;
        }

        void add(String latestReason) {
            count++;
            reason = latestReason;
        }
    }
}
