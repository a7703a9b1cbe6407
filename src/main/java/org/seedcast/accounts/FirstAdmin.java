package org.seedcast.accounts;

import org.seedcast.node.ConditionalOnRole;
import org.seedcast.node.NodeRole;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * Creates the first admin when no account exists: from {@code SEEDCAST_ADMIN_USERNAME} and
 * {@code SEEDCAST_ADMIN_PASSWORD}, or with a generated password printed once in the log. A
 * generated password must be changed at the first sign-in, so the one in the log (and in whatever
 * collects logs) stops working as soon as the admin has signed in. Only web nodes do it: the admin
 * signs in there, and a tracker or seed node has no business printing a password in its log.
 */
@Component
@ConditionalOnRole(NodeRole.WEB)
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
        if (accounts.isEmpty()) {
            createFirstAdmin();
        }
    }

    /** @return the admin's password, as configured or generated */
    String createFirstAdmin() {
        String username = StringUtils.hasText(properties.username()) ? properties.username() : "admin";
        boolean generated = !StringUtils.hasText(properties.password());
        String password = generated ? Passwords.generate() : properties.password();
        try {
            accounts.create(username, password, Role.ADMIN, generated);
        } catch (InvalidAccountException e) {
            throw new IllegalStateException("Cannot create the first admin from SEEDCAST_ADMIN_USERNAME/SEEDCAST_ADMIN_PASSWORD: "
                    + e.getMessage(), e);
        }
        if (generated) {
            log.warn("""

                    ================================================================
                     Seedcast created the first admin.
                       username: {}
                       password: {}
                     Sign in at /login: you will be asked to choose your own password,
                     and this one stops working.
                    ================================================================""", username, password);
        } else {
            log.info("Created the first admin '{}' from SEEDCAST_ADMIN_USERNAME/SEEDCAST_ADMIN_PASSWORD", username);
        }
        return password;
    }
}
