package org.seedcast.support;

import java.time.Clock;
import java.time.Instant;

import org.springframework.context.annotation.Primary;

/**
 * The application's {@link Clock} in the full-application tests ({@link IntegrationTest}): the wall clock, until a
 * test {@linkplain #pin pins} it so that what it does falls in one minute (or one hour, one day) whatever the wall
 * clock says. A test that pins it releases it when done, so the next one finds the wall clock again.
 */
@Primary
public final class TestClock extends UtcClock {

    private volatile Instant pinned;

    /** Stops the clock at {@code instant} until {@link #release}. */
    public void pin(Instant instant) {
        pinned = instant;
    }

    /** The wall clock again. */
    public void release() {
        pinned = null;
    }

    @Override
    public Instant instant() {
        Instant at = pinned;
        return at != null ? at : Instant.now();
    }
}
