package org.seedcast.accounts;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the first admin when no account exists: from {@code SEEDCAST_ADMIN_USERNAME} and
 * {@code SEEDCAST_ADMIN_PASSWORD}, or with a generated password printed once in the log.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final Accounts accounts;
    private final AccountsProperties properties;

    FirstAdmin(Accounts accounts, AccountsProperties properties) {
        this.accounts = accounts;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        if (!accounts.isEmpty()) {
            return;
        }
        String username = StringUtils.hasText(properties.username()) ? properties.username() : "admin";
        boolean generated = !StringUtils.hasText(properties.password());
        String password = generated ? generatePassword() : properties.password();
        accounts.create(username, password, Role.ADMIN);
        if (generated) {
            log.warn("""

                    ================================================================
                     Seedcast created the first admin.
                       username: {}
                       password: {}
                     This password is shown once. Sign in at /login and keep it safe.
                    ================================================================""", username, password);
        } else {
            log.info("Created the first admin '{}' from SEEDCAST_ADMIN_USERNAME/SEEDCAST_ADMIN_PASSWORD", username);
        }
    }

    private static String generatePassword() {
        byte[] bytes = new byte[15];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
