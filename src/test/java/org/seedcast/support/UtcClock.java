package org.seedcast.support;

import java.time.Clock;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A test's clock: in UTC whatever zone is asked for; the subclass says what time it is. */
abstract class UtcClock extends Clock {

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
