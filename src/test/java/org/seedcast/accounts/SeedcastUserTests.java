package org.seedcast.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

class SeedcastUserTests {

    @Test
    void theSignedInPrincipalKeepsNoPasswordHash() {
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
        SeedcastUser stored = new SeedcastUser(7, "pat", encoder.encode("pats-password-1"), Role.PRODUCER, true, 0, false);
        DaoAuthenticationProvider provider = new DaoAuthenticationProvider(username -> stored);
        provider.setPasswordEncoder(encoder);

        Authentication signedIn = new ProviderManager(provider)
                .authenticate(UsernamePasswordAuthenticationToken.unauthenticated("pat", "pats-password-1"));

        assertThat(signedIn.getPrincipal()).isInstanceOf(SeedcastUser.class);
        assertThat(((SeedcastUser) signedIn.getPrincipal()).getPassword()).isNull();
        assertThat(signedIn.getCredentials()).isNull();
    }
}
