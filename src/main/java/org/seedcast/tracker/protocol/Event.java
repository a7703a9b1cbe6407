package org.seedcast.tracker.protocol;

/**
 * The {@code event} of an announce (BEP 3; {@code paused} from BEP 21). The ordinal is not the
 * UDP code: see {@link #fromUdp(int)}.
 */
public enum Event {
    NONE, COMPLETED, STARTED, STOPPED, PAUSED;

    /** BEP 15: 0 none, 1 completed, 2 started, 3 stopped. */
    public static Event fromUdp(int code) {
        return switch (code) {
            case 0 -> NONE;
            case 1 -> COMPLETED;
            case 2 -> STARTED;
            case 3 -> STOPPED;
            default -> throw new BadRequest("event must be 0, 1, 2 or 3");
        };
    }
}
