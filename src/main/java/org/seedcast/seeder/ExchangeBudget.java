package org.seedcast.seeder;

import java.util.function.LongSupplier;

/**
 * How many Diffie-Hellman exchanges the seed does for encrypted handshakes, across all peers: a
 * token bucket refilled at a rate a second, holding at most two seconds' worth. An exchange is paid
 * before the peer has named a torrent, so without a bound anyone could make the seed spend a core on
 * them by connecting and sending 96 random bytes; past the budget a handshake is closed at once, as
 * when they are off, and a client that allows it comes back in plaintext.
 */
final class ExchangeBudget {

    private static final long SECOND = 1_000_000_000L;

    private final int perSecond;
    private final double burst;
    private final LongSupplier nanos;
    private double tokens;
    private long at;

    /** {@code perSecond} 0: no exchanges at all. */
    ExchangeBudget(int perSecond, LongSupplier nanos) {
        this.perSecond = perSecond;
        this.burst = 2.0 * perSecond;
        this.nanos = nanos;
        this.tokens = burst;
        this.at = nanos.getAsLong();
    }

    boolean enabled() {
        return perSecond > 0;
    }

    /** Takes one exchange from the budget, or answers false when none is left. */
    synchronized boolean take() {
        long now = nanos.getAsLong();
        tokens = Math.min(burst, tokens + Math.max(0, now - at) * (double) perSecond / SECOND);
        at = now;
        if (tokens < 1) {
            return false;
        }
        tokens--;
        return true;
    }
}
