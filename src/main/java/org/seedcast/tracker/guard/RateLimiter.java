package org.seedcast.tracker.guard;

import java.util.function.LongSupplier;

/**
 * Per-address token buckets in a fixed-size table: {@code ratePerSecond} requests a second with
 * bursts of {@code burst}. The table never grows: an address that finds its probe window full
 * takes the slot of the address idle longest. Debt beyond the empty bucket is kept (down to one
 * more burst), so an address can be told apart as merely over its budget or far over it.
 * Striped locks keep different addresses from contending.
 */
public final class RateLimiter {

    public enum Decision { ALLOW, LIMIT, FAR_OVER }

    private static final int STRIPES = 64;
    private static final int PROBES = 8;
    private static final long SCALE = 1_000_000L; // tokens held in millionths

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
        this.ratePerSecond = ratePerSecond;
        this.burstRequests = burst;
        this.ratePerMilli = Math.max(1, (long) (ratePerSecond * SCALE / 1000));
        this.burst = burst * SCALE;
        this.millis = millis;
        int perStripe = Integer.highestOneBit(Math.max(PROBES, capacity / STRIPES - 1)) * 2;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe);
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
            long tokens;
            if (stripe.keys[slot] != addressKey) {
                stripe.keys[slot] = addressKey;
                tokens = burst;
            } else {
                tokens = refilled(stripe, slot, now);
            }
            stripe.lastMillis[slot] = now;
            tokens -= SCALE;
            stripe.tokens[slot] = Math.max(tokens, -burst - SCALE);
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

        Stripe(int capacity) {
            keys = new long[capacity];
            tokens = new long[capacity];
            lastMillis = new long[capacity];
            mask = capacity - 1;
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
