package org.seedcast.support;

import java.time.Duration;
import java.time.Instant;

/** A clock that stands still until the test moves it, so nothing in a test waits for the wall clock. */
public final class MovableClock extends UtcClock {

    private volatile Instant now;

    public MovableClock(Instant start) {
        this.now = start;
    }

    public void advance(Duration duration) {
        now = now.plus(duration);
    }

    @Override
    public Instant instant() {
        return now;
    }
}
