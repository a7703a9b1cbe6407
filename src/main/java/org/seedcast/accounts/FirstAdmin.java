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
        if (!accounts.isEmpty()) {
            return;
        }
        Credentials first = credentials();
        try {
            if (!accounts.createFirstAdmin(first.username(), first.password(), first.generated())) {
                return; // another web node starting on the same database created it, and printed its password
            }
        } catch (InvalidAccountException e) {
            throw refused(e);
        }
        announce(first);
    }

    /**
     * Creates the first admin whatever accounts exist (tests), as {@link #run} does on an empty database.
     *
     * @return the admin's password, as configured or generated
     */
    String createFirstAdmin() {
        Credentials first = credentials();
        try {
            accounts.create(first.username(), first.password(), Role.ADMIN, first.generated());
        } catch (InvalidAccountException e) {
            throw refused(e);
        }
        announce(first);
        return first.password();
    }

    private record Credentials(String username, String password, boolean generated) {
    }

    private Credentials credentials() {
        String username = StringUtils.hasText(properties.username()) ? properties.username() : "admin";
        boolean generated = !StringUtils.hasText(properties.password());
        return new Credentials(username, generated ? Passwords.generate() : properties.password(), generated);
    }

    private static IllegalStateException refused(InvalidAccountException e) {
        return new IllegalStateException("Cannot create the first admin from SEEDCAST_ADMIN_USERNAME/SEEDCAST_ADMIN_PASSWORD: "
                + e.getMessage(), e);
    }

    /** Only the node that created the admin prints its password, once. */
    private static void announce(Credentials first) {
        if (first.generated()) {
            log.warn("""

                    ================================================================
                     Seedcast created the first admin.
                       username: {}
                       password: {}
                     Sign in at /login: you will be asked to choose your own password,
                     and this one stops working.
                    ================================================================""", first.username(), first.password());
        } else {
            log.info("Created the first admin '{}' from SEEDCAST_ADMIN_USERNAME/SEEDCAST_ADMIN_PASSWORD", first.username());
        }
    }
}
