package org.seedcast.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Passwords are stored as bcrypt at cost 10 (the full-application tests use cost 4: see {@code PasswordChecks}). */
class PasswordEncoderTests {

    @Test
    void passwordsAreHashedWithBcryptAtCost10AndChecked() {
        PasswordEncoder encoder = new SecurityConfiguration().passwordEncoder();

        String hash = encoder.encode("a-password-1");

        assertThat(hash).startsWith("$2a$10$");
        assertThat(encoder.matches("a-password-1", hash)).isTrue();
        assertThat(encoder.matches("another-password", hash)).isFalse();
    }
}
