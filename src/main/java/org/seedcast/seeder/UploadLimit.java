package org.seedcast.seeder;

/**
 * A token bucket over bytes sent, checked before a block is written: Netty's traffic-shaping
 * handlers never see a {@code FileRegion}, so a zero-copy send must be paid for ahead. A block is
 * let through while the bucket holds any tokens at all and may take it below zero; the debt is
 * waited out before the next one. A block is never split, and the long-run rate stays the limit.
 * One instance per peer (its event loop alone uses it) and one shared by all (synchronized: a few
 * thousand blocks a second at most take the lock).
 */
final class UploadLimit {

    /** No limit: every block goes at once. */
    static final UploadLimit NONE = new UploadLimit(0);

    private final long bytesPerSecond;
    private final double bytesPerNano;
    private final double burst;
    private double tokens;
    private long refilledAt;
    private boolean started;

    /** @param bytesPerSecond the rate; 0 for no limit */
    UploadLimit(long bytesPerSecond) {
        this.bytesPerSecond = bytesPerSecond;
        this.bytesPerNano = bytesPerSecond / 1e9;
        // a tenth of a second's worth, and at least two blocks so a slow limit still sends whole blocks
        this.burst = Math.max(bytesPerSecond / 10.0, 2.0 * PeerMessages.BLOCK);
        this.tokens = burst;
    }

    boolean unlimited() {
        return bytesPerSecond <= 0;
    }

    /** Nanoseconds to wait before the next block may go; 0 for now. */
    long delay(long nowNanos) {
        return unlimited() ? 0 : limitedDelay(nowNanos);
    }

    private synchronized long limitedDelay(long nowNanos) {
        refill(nowNanos);
        return tokens > 0 ? 0 : Math.max(1, (long) Math.ceil((1 - tokens) / bytesPerNano));
    }

    /** Pays for {@code bytes} about to be sent. */
    void take(long bytes, long nowNanos) {
        if (!unlimited()) {
            pay(bytes, nowNanos);
        }
    }

    private synchronized void pay(long bytes, long nowNanos) {
        refill(nowNanos);
        tokens -= bytes;
    }

    private void refill(long now) {
        if (started && now > refilledAt) {
            tokens = Math.min(burst, tokens + (now - refilledAt) * bytesPerNano);
        }
        started = true;
        refilledAt = now;
    }
}
