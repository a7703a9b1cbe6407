package org.seedcast.tracker.guard;

import java.nio.ByteBuffer;
import java.util.function.LongSupplier;

/**
 * Per-address token buckets in a fixed-size table: {@code ratePerSecond} requests a second with
 * bursts of {@code burst}. The table never grows: an address that finds its probe window full
 * takes the slot of the address idle longest. Debt beyond the empty bucket is kept (down to one
 * more burst), so an address can be told apart as merely over its budget or far over it.
 * Striped locks keep different addresses from contending.
 * <p>
 * In a tracker cluster the members' buckets for an address are kept in step: a limiter made
 * {@code shared} lists each address that spends {@value #SHARE_AT} requests or more between two
 * exchanges, {@link #drainSpending} hands those addresses and their spending to the cluster, and
 * the other members {@link #charge} it to their own buckets. An address that sends to every member
 * then has one budget, not one per member; an address whose requests stay few is never exchanged.
 */
public final class RateLimiter {

    public enum Decision { ALLOW, LIMIT, FAR_OVER }

    private static final int STRIPES = 64;
    private static final int PROBES = 8;
    private static final long SCALE = 1_000_000L; // tokens held in millionths
    /** Requests between two exchanges that make an address worth telling the other members about. */
    static final int SHARE_AT = 4;
    /** Addresses a stripe lists for the next exchange at most (the heaviest spenders list first). */
    private static final int LISTED_PER_STRIPE = 64;
    /** Bytes of one address's spending in {@link #drainSpending}' output: its key and its requests. */
    public static final int SPENDING_BYTES = 12;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final double ratePerSecond;
    private final int burstRequests;
    private final long ratePerMilli;
    private final long burst;
    private final LongSupplier millis;

    /**
     * @param capacity addresses tracked at most (rounded up to a power of two per stripe)
     */
    public RateLimiter(double ratePerSecond, int burst, int capacity, LongSupplier millis) {
        this(ratePerSecond, burst, capacity, millis, false);
    }

    /**
     * @param capacity addresses tracked at most (rounded up to a power of two per stripe)
     * @param shared   whether heavy spending is listed for the other members of a cluster
     */
    public RateLimiter(double ratePerSecond, int burst, int capacity, LongSupplier millis, boolean shared) {
        this.ratePerSecond = ratePerSecond;
        this.burstRequests = burst;
        this.ratePerMilli = Math.max(1, (long) (ratePerSecond * SCALE / 1000));
        this.burst = burst * SCALE;
        this.millis = millis;
        int perStripe = Integer.highestOneBit(Math.max(PROBES, capacity / STRIPES - 1)) * 2;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe, shared);
        }
    }

    /** Another limiter with the same budget and clock and its own buckets, for another kind of request. */
    public RateLimiter sameBudget(int capacity) {
        return new RateLimiter(ratePerSecond, burstRequests, capacity, millis);
    }

    public Decision acquire(long addressKey) {
        long mixed = addressKey * 0x9E3779B97F4A7C15L;
        Stripe stripe = stripes[(int) (mixed >>> 58)];
        long now = millis.getAsLong();
        synchronized (stripe) {
            int slot = stripe.slot(addressKey, (int) mixed);
            long tokens = spend(stripe, slot, addressKey, now, SCALE);
            if (stripe.listed != null) {
                stripe.count(slot);
            }
            if (tokens >= 0) {
                return Decision.ALLOW;
            }
            return tokens < -burst ? Decision.FAR_OVER : Decision.LIMIT;
        }
    }

    /**
     * Whether the address is far over its budget now, without spending a token: a request already
     * refused by {@link #acquire} can be answered the slow way for a flood.
     */
    public boolean farOver(long addressKey) {
        long mixed = addressKey * 0x9E3779B97F4A7C15L;
        Stripe stripe = stripes[(int) (mixed >>> 58)];
        long now = millis.getAsLong();
        synchronized (stripe) {
            int slot = stripe.slot(addressKey, (int) mixed);
            if (stripe.keys[slot] != addressKey) {
                return false;
            }
            return refilled(stripe, slot, now) < -burst;
        }
    }

    /**
     * Spends {@code requests} from the address's bucket that another member of the cluster answered
     * (as {@link #acquire} would, without a decision and without listing them again).
     */
    public void charge(long addressKey, int requests) {
        long mixed = addressKey * 0x9E3779B97F4A7C15L;
        Stripe stripe = stripes[(int) (mixed >>> 58)];
        long now = millis.getAsLong();
        synchronized (stripe) {
            spend(stripe, stripe.slot(addressKey, (int) mixed), addressKey, now, requests * SCALE);
        }
    }

    /**
     * Spends {@code amount} from the address's bucket in {@code slot} (a fresh, full bucket if the slot
     * held another address); keeps the debt down to one burst more, and returns it unbounded.
     */
    private long spend(Stripe stripe, int slot, long addressKey, long now, long amount) {
        long tokens;
        if (stripe.keys[slot] != addressKey) {
            stripe.take(slot, addressKey);
            tokens = burst;
        } else {
            tokens = refilled(stripe, slot, now);
        }
        stripe.lastMillis[slot] = now;
        tokens -= amount;
        stripe.tokens[slot] = Math.max(tokens, -burst - SCALE);
        return tokens;
    }

    /**
     * Moves the listed addresses' spending since the last call into {@code out}, {@value #SPENDING_BYTES}
     * bytes each, one stripe lock at a time; {@code out} holds {@link #maxSpendingBytes()}.
     */
    public void drainSpending(ByteBuffer out) {
        for (Stripe stripe : stripes) {
            if (stripe.listed != null) {
                synchronized (stripe) {
                    stripe.drainTo(out);
                }
            }
        }
    }

    /** The most {@link #drainSpending} writes at once; 0 for a limiter that is not shared. */
    public int maxSpendingBytes() {
        return stripes[0].listed == null ? 0 : STRIPES * LISTED_PER_STRIPE * SPENDING_BYTES;
    }

    /** Charges the spending another member drained ({@link #drainSpending}); returns the addresses charged. */
    public int chargeAll(ByteBuffer in) {
        int n = 0;
        while (in.remaining() >= SPENDING_BYTES) {
            charge(in.getLong(), in.getInt());
            n++;
        }
        return n;
    }

    /** The slot's tokens now: what it had, plus what the time since its last request earned, up to the burst. */
    private long refilled(Stripe stripe, int slot, long now) {
        long elapsed = Math.max(0, now - stripe.lastMillis[slot]);
        return Math.min(burst, stripe.tokens[slot] + Math.min(elapsed, 1L << 30) * ratePerMilli);
    }

    private static final class Stripe {
        final long[] keys;
        final long[] tokens;
        final long[] lastMillis;
        final int mask;
        /** Requests per slot since its last exchange; {@code null} unless shared. */
        final int[] spent;
        /** Slots to exchange next, {@code listedCount} of them; {@code null} unless shared. */
        final int[] listed;
        int listedCount;

        Stripe(int capacity, boolean shared) {
            keys = new long[capacity];
            tokens = new long[capacity];
            lastMillis = new long[capacity];
            mask = capacity - 1;
            spent = shared ? new int[capacity] : null;
            listed = shared ? new int[LISTED_PER_STRIPE] : null;
        }

        /** A slot taken over by another address starts with nothing spent. */
        void take(int slot, long key) {
            keys[slot] = key;
            if (spent != null) {
                spent[slot] = 0;
            }
        }

        /** Counts a request; the address is listed once it reaches {@link #SHARE_AT} (if the list has room). */
        void count(int slot) {
            int s = spent[slot] + 1;
            if (s == SHARE_AT) {
                if (listedCount == listed.length) {
                    s--; // listed at a later request, when the list has room again
                } else {
                    listed[listedCount++] = slot;
                }
            }
            spent[slot] = s;
        }

        void drainTo(ByteBuffer out) {
            for (int i = 0; i < listedCount; i++) {
                int slot = listed[i];
                if (spent[slot] > 0) {
                    out.putLong(keys[slot]).putInt(spent[slot]);
                    spent[slot] = 0;
                }
            }
            listedCount = 0;
        }

        /** The key's slot, else a free one in its probe window, else the window's idlest. */
        int slot(long key, int hash) {
            int start = hash & mask;
            int idlest = start;
            for (int p = 0; p < PROBES; p++) {
                int i = (start + p) & mask;
                if (keys[i] == key || keys[i] == 0) {
                    return i;
                }
                if (lastMillis[i] < lastMillis[idlest]) {
                    idlest = i;
                }
            }
            return idlest;
        }
    }
}
