package org.seedcast.tracker.protocol;

/**
 * A request the tracker cannot serve; the message is the {@code failure reason} sent back and names
 * the offending parameter. No stack trace: it is a value, thrown only to leave the parser early.
 */
public final class BadRequest extends RuntimeException {

    public BadRequest(String reason) {
        super(reason, null, false, false);
    }

    public String reason() {
        return getMessage();
    }
}
