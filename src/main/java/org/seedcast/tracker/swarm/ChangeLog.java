package org.seedcast.tracker.swarm;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;
import org.seedcast.tracker.protocol.Event;
import org.seedcast.tracker.protocol.HashKey;

/**
 * One shard's peer changes that the other members of a tracker cluster need, kept in a fixed array
 * under the shard's lock (nothing allocated per announce) until the cluster's sender drains them.
 * A change is {@value #BYTES} bytes: the info-hash (20), the peer's {@code downloaded} in KiB (4),
 * its key as {@link PeerTable} holds it (IPv4: address and port in the first word; IPv6: address
 * high, address low, port), and in the last word's upper half the family, whether it seeds and
 * the announce's event.
 * <p>
 * Only changes are sent: a peer that joins, leaves, turns seeder or announces an event, and the
 * first re-announce in each refresh period ({@link #refreshSeconds}: at most {@value #REFRESH_SECONDS}
 * s, and a quarter of the peer timeout when that is shorter), so a client re-announcing faster, or a
 * newcomer beyond a cap (not added), costs the cluster at most one change a period. The other
 * members' copies of a peer are stamped when a change arrives and expire a peer timeout later: a
 * peer announcing at least once a period is refreshed there at least every two periods, within the
 * timeout whatever the announce interval. (Refreshing only after a gap of a period between two
 * announces would never refresh a client announcing more often, whose copies then expire.)
 */
final class ChangeLog {

    static final int BYTES = 48;
    /** Changes a shard holds between two drains; beyond, changes are counted and dropped. */
    static final int CAPACITY = 256;
    /** The default {@code min interval}: a peer is refreshed on the other members at most this often. */
    static final int REFRESH_SECONDS = 300;
    private static final int WORDS = BYTES / 8;
    private static final long IPV6 = 1L << 32;
    private static final long SEEDER = 1L << 33;
    private static final int EVENT_SHIFT = 34;
    private static final Event[] EVENTS = Event.values();

    private final long[] words = new long[CAPACITY * WORDS];
    private int size;

    /**
     * Whether an announce that {@link PeerTable#put} answered with {@code previous} is news for the
     * other members (see the class comment).
     */
    static boolean needed(int previous, boolean seeder, Event event, int now, int refreshSeconds) {
        if (previous == PeerTable.REFUSED) {
            return false;
        }
        return previous == -1 || (previous & PeerTable.STOPPED) != 0
                || ((previous & PeerTable.SEEDER) != 0) != seeder
                || event == Event.STARTED || event == Event.COMPLETED
                || now / refreshSeconds != PeerTable.seenAt(previous) / refreshSeconds;
    }

    /** The refresh period for a peer timeout: short enough that two periods fit within it. */
    static int refreshSeconds(int peerTimeoutSeconds) {
        return Math.max(1, Math.min(REFRESH_SECONDS, peerTimeoutSeconds / 4));
    }

    void add(HashKey key, boolean v6, long a, long b, long c, boolean seeder, Event event, int kib,
             LongAdder dropped) {
        if (size == CAPACITY) {
            dropped.increment();
            return;
        }
        int o = size++ * WORDS;
        words[o] = key.high();
        words[o + 1] = key.middle();
        words[o + 2] = (long) key.low() << 32 | Integer.toUnsignedLong(kib);
        words[o + 3] = a;
        words[o + 4] = b;
        words[o + 5] = flagged(c, v6, seeder, event);
    }

    /** Writes one change straight into {@code out}, as {@link #drainTo} writes a logged one. */
    static void write(ByteBuffer out, HashKey key, boolean v6, long a, long b, long c, boolean seeder, Event event,
                      int kib) {
        out.putLong(key.high()).putLong(key.middle()).putInt(key.low()).putInt(kib).putLong(a).putLong(b)
                .putLong(flagged(c, v6, seeder, event));
    }

    private static long flagged(long c, boolean v6, boolean seeder, Event event) {
        return c | (v6 ? IPV6 : 0) | (seeder ? SEEDER : 0) | (long) event.ordinal() << EVENT_SHIFT;
    }

    /** Writes the logged changes into {@code out} in the order they were made, and empties the log. */
    void drainTo(ByteBuffer out) {
        for (int i = 0; i < size * WORDS; i++) {
            out.putLong(words[i]);
        }
        size = 0;
    }

    static boolean ipv6(long flagged) {
        return (flagged & IPV6) != 0;
    }

    static boolean seeder(long flagged) {
        return (flagged & SEEDER) != 0;
    }

    static Event event(long flagged) {
        int ordinal = (int) (flagged >>> EVENT_SHIFT) & 7;
        return ordinal < EVENTS.length ? EVENTS[ordinal] : Event.NONE;
    }

    static long port(long flagged) {
        return flagged & 0xFFFF_FFFFL;
    }
}
