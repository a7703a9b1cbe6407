package org.seedcast.web;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** Too many failed sign-ins for this user name or from this address: refused before the password is checked. */
final class SignInThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins for this user name or from this address; try again in "
                + describe(retryAfter) + ".");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds, at least one: the value of a {@code Retry-After} header. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }

    private static String describe(Duration wait) {
        long seconds = Math.max(1, (wait.toMillis() + 999) / 1000);
        return seconds < 120 ? seconds + " seconds" : (seconds + 59) / 60 + " minutes";
    }
}
