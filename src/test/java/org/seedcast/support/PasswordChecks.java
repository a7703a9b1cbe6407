package org.seedcast.support;

import java.util.concurrent.atomic.AtomicLong;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Counts password hash checks: wraps the application's {@link PasswordEncoder}, so a test can
 * assert that a request cost no bcrypt.
 */
public final class PasswordChecks implements BeanPostProcessor {

    private final AtomicLong checks = new AtomicLong();

    /** How many times a password was checked against a hash since the application started. */
    public long count() {
        return checks.get();
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (!(bean instanceof PasswordEncoder encoder)) {
            return bean;
        }
        return new PasswordEncoder() {
            @Override
            public String encode(CharSequence rawPassword) {
                return encoder.encode(rawPassword);
            }

            @Override
            public boolean matches(CharSequence rawPassword, String encodedPassword) {
                checks.incrementAndGet();
                return encoder.matches(rawPassword, encodedPassword);
            }

            @Override
            public boolean upgradeEncoding(String encodedPassword) {
                return encoder.upgradeEncoding(encodedPassword);
            }
        };
    }
}
