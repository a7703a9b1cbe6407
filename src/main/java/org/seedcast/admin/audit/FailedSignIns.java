package org.seedcast.admin.audit;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Refused sign-ins, one audit row per user name and address per minute ({@code sign-in refused
 * 37 times in the minute from 14:02 UTC}). A refusal only counts in memory, on the request thread;
 * the scheduled flush writes new rows and the counts that grew, outside the lock that guards the
 * counts, so a slow or stopped database never holds a request. A flood of bad credentials costs the
 * database at most {@value #MAX_PAIRS_PER_MINUTE} rows a minute plus one for the pairs beyond them.
 * While the database is away the counts wait for the next flush, up to {@value #MAX_MINUTES_KEPT}
 * minutes of them; older minutes are dropped (and the loss logged), so memory stays bounded.
 */
@Component
class FailedSignIns {

    static final int MAX_PAIRS_PER_MINUTE = 100;
    static final int MAX_MINUTES_KEPT = 10;
    static final String VARIOUS = "(various)";

    private static final Logger log = LoggerFactory.getLogger(FailedSignIns.class);
    private static final DateTimeFormatter HH_MM = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private final AuditLog auditLog;
    private final Clock clock;
    /** Guards {@link #minutes} and the tallies in it; never held while the database is asked anything. */
    private final Object lock = new Object();
    private final TreeMap<Long, Minute> minutes = new TreeMap<>();
    private long dropped;

    FailedSignIns(AuditLog auditLog, Clock clock) {
        this.auditLog = auditLog;
        this.clock = clock;
    }

    /** Counts a refusal, in memory only. */
    void refused(String actor, String address, String reason) {
        long now = clock.millis() / 60_000;
        synchronized (lock) {
            Minute minute = minutes.computeIfAbsent(now, Minute::new);
            while (minutes.size() > MAX_MINUTES_KEPT) {
                dropped += minutes.pollFirstEntry().getValue().unwritten();
            }
            minute.tally(actor, address).add(reason);
        }
    }

    /**
     * Writes the rows that are new and the counts that grew; forgets a minute once it is over and written. One flush
     * at a time: one may be asked for besides the schedule's, and two at once would both insert a new tally's row.
     */
    @Scheduled(fixedDelayString = "PT5S")
    synchronized void flush() {
        List<Write> writes = pending();
        int written = 0;
        try {
            for (Write write : writes) {
                write.run(auditLog);
                written++;
            }
        } catch (RuntimeException e) {
            log.warn("Could not write {} refused sign-in counts to the audit log; they wait for the next flush: {}",
                    writes.size() - written, printable(e.toString()));
        }
        forgetWrittenMinutes();
    }

    /** The rows that still have counts to write. */
    int pendingRows() {
        synchronized (lock) {
            return (int) minutes.values().stream().flatMap(Minute::tallies).filter(Tally::unwrittenCount).count();
        }
    }

    private List<Write> pending() {
        List<Write> writes = new ArrayList<>();
        synchronized (lock) {
            for (Minute minute : minutes.values()) {
                minute.tallies().filter(Tally::unwrittenCount).forEach(tally ->
                        writes.add(new Write(tally, tally.id, tally.count, tally.reason, minute.number)));
            }
        }
        return writes;
    }

    private void forgetWrittenMinutes() {
        long now = clock.millis() / 60_000;
        long lost;
        synchronized (lock) {
            minutes.values().removeIf(minute -> minute.number != now && minute.unwritten() == 0);
            lost = dropped;
            dropped = 0;
        }
        if (lost > 0) {
            log.warn("{} refused sign-ins were not audited: the audit log was unreachable for over {} minutes", lost, MAX_MINUTES_KEPT);
        }
    }

    /** One statement the flush runs: an insert for a new row, an update for a count that grew. */
    private final class Write {
        final Tally tally;
        final Long id;
        final int count;
        final String reason;
        final long minute;

        Write(Tally tally, Long id, int count, String reason, long minute) {
            this.tally = tally;
            this.id = id;
            this.count = count;
            this.reason = reason;
            this.minute = minute;
        }

        void run(AuditLog auditLog) {
            String detail = tally.detail(count, reason, HH_MM.format(Instant.ofEpochSecond(minute * 60)));
            long rowId = id != null ? id : auditLog.insert(tally.actor, "POST", "/login", detail, 401, tally.address);
            if (id != null) {
                auditLog.updateDetail(id, detail);
            }
            synchronized (lock) {
                tally.id = rowId;
                tally.written = Math.max(tally.written, count);
            }
        }
    }

    private static final class Minute {
        final long number;
        final Map<Pair, Tally> pairs = new LinkedHashMap<>();
        Tally overflow;

        Minute(long number) {
            this.number = number;
        }

        Tally tally(String actor, String address) {
            Pair pair = new Pair(actor, address);
            Tally tally = pairs.get(pair);
            if (tally == null && pairs.size() < MAX_PAIRS_PER_MINUTE) {
                tally = new Tally(actor, address, false);
                pairs.put(pair, tally);
            } else if (tally == null) {
                if (overflow == null) {
                    overflow = new Tally(VARIOUS, VARIOUS, true);
                }
                tally = overflow;
            }
            return tally;
        }

        java.util.stream.Stream<Tally> tallies() {
            return overflow == null ? pairs.values().stream()
                    : java.util.stream.Stream.concat(pairs.values().stream(), java.util.stream.Stream.of(overflow));
        }

        long unwritten() {
            return tallies().mapToLong(tally -> tally.count - tally.written).sum();
        }
    }

    private record Pair(String actor, String address) {
    }

    private static final class Tally {
        final String actor;
        final String address;
        final boolean overflow;
        Long id;
        String reason;
        int count;
        int written;

        Tally(String actor, String address, boolean overflow) {
            this.actor = actor;
            this.address = address;
            this.overflow = overflow;
        }

        void add(String latestReason) {
            count++;
            reason = latestReason;
        }

        boolean unwrittenCount() {
            return count > written;
        }

        String detail(int times, String why, String from) {
            if (overflow) {
                return times == 1
                        ? "sign-in refused: " + why + " (more user names and addresses than the log keeps apart in a minute)"
                        : "sign-ins refused for other user names and addresses: " + times + " times in the minute from " + from + " UTC: " + why;
            }
            return times == 1 ? "sign-in refused: " + why : "sign-in refused " + times + " times in the minute from " + from + " UTC: " + why;
        }
    }

    /** A log line stays one line whatever a client sent: control characters (CR, LF, ESC…) become '?'. */
    static String printable(String text) {
        StringBuilder out = new StringBuilder(text.length());
        text.codePoints().forEach(c -> out.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return out.toString();
    }
}
