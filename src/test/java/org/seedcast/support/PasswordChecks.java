package org.seedcast.support;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Counts password hash checks, so a test can assert that a request cost no bcrypt, and makes each one cheap: in place
 * of the application's {@link PasswordEncoder} (bcrypt at cost 10, a tenth of a second or more a check, and every
 * request with Basic credentials checks one) the full-application tests hash and check with bcrypt at its lowest
 * cost, 4: the same algorithm and format, 64 times fewer rounds. The application's own encoder is
 * {@code PasswordEncoderTests}' to test.
 */
public final class PasswordChecks implements BeanPostProcessor {

    private final AtomicLong checks = new AtomicLong();

    /** How many times a password was checked against a hash since the application started. */
    public long count() {
        return checks.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof PasswordEncoder)) {
            return bean;
        }
        PasswordEncoder cheap = new BCryptPasswordEncoder(4);
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return cheap.encode(rawPassword);
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                checks.incrementAndGet();
                return cheap.matches(rawPassword, encodedPassword);
            }

            @Override
            public boolean upgradeEncoding(String encodedPassword) {
                return cheap.upgradeEncoding(encodedPassword);
            }
        };
    }
}
