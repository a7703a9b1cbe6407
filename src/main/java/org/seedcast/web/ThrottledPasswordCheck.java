package org.seedcast.web;

import java.time.Duration;

import org.springframework.context.ApplicationEventPublisher;
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
        Duration wait = throttle.wait(user, address);
        if (!wait.isZero()) {
            SignInThrottledException refused = new SignInThrottledException(wait);
            events.publishEvent(new SignInThrottled(attempt, refused));
            throw refused;
        }
        try {
            Authentication signedIn = passwords.authenticate(attempt);
            throttle.succeeded(user);
            return signedIn;
        } catch (InternalAuthenticationServiceException e) {
            throw e;
        } catch (AuthenticationException e) {
            throttle.failed(user, address);
            throw e;
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
