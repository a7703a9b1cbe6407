package org.seedcast.web;

import java.time.Duration;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.WebAuthenticationDetails;

/**
 * The password check behind form login and HTTP Basic, guarded by the {@link SignInThrottle}: a
 * throttled user name or address is refused before the (deliberately slow) hash is computed, and
 * each failure is counted. A database error is not the user's failure and is not counted.
 */
final class ThrottledPasswordCheck implements AuthenticationProvider {

    private static final Logger log = LoggerFactory.getLogger(ThrottledPasswordCheck.class);

    private final AuthenticationProvider passwords;
    private final SignInThrottle throttle;
    private final ApplicationEventPublisher events;

    ThrottledPasswordCheck(AuthenticationProvider passwords, SignInThrottle throttle, ApplicationEventPublisher events) {
        this.passwords = passwords;
        this.throttle = throttle;
        this.events = events;
    }

    @Override
    public Authentication authenticate(Authentication attempt) {
        String user = String.valueOf(attempt.getName());
        String address = attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "";
        Duration wait;
        try {
            wait = throttle.wait(user, address);
        } catch (DataAccessException e) { // the accounts are in the same database: not the caller's fault
            throw new InternalAuthenticationServiceException("the sign-in throttle cannot be read", e);
        }
        if (!wait.isZero()) {
            SignInThrottledException refused = new SignInThrottledException(wait);
            events.publishEvent(new SignInThrottled(attempt, refused));
            throw refused;
        }
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            forget(user);
            return signedIn;
        } catch (InternalAuthenticationServiceException e) {
            throw e;
        } catch (AuthenticationException e) {
            count(user, address);
            throw e;
        }
    }

    /** A database error here must not turn a right password into a refusal. */
    private void forget(String user) {
        try {
            throttle.succeeded(user);
        } catch (DataAccessException e) {
            log.warn("could not forget the failed sign-ins of a user who signed in: {}", e.toString());
        }
    }

    /** A database error here leaves the refusal a refusal (401), uncounted. */
    private void count(String user, String address) {
        try {
            throttle.failed(user, address);
        } catch (DataAccessException e) {
            log.warn("could not count a failed sign-in: {}", e.toString());
        }
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return passwords.supports(authentication);
    }

    /** A refusal by the throttle, for the audit log like any failed sign-in. */
    static final class SignInThrottled extends AbstractAuthenticationFailureEvent {

        SignInThrottled(Authentication authentication, AuthenticationException exception) {
            super(authentication, exception);
        }
    }
}
