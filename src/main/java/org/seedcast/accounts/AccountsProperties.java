package org.seedcast.accounts;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The first admin's credentials ({@code SEEDCAST_ADMIN_USERNAME}, {@code SEEDCAST_ADMIN_PASSWORD}).
 *
 * @param username defaults to {@code admin}
 * @param password generated and printed once when empty
 */
@ConfigurationProperties("seedcast.admin")
record AccountsProperties(String username, String password) {

    /** Without the password: this record may end up in a log line or a failure report. */
    @Override
    public String toString() {
        return "AccountsProperties[username=" + username + ", password=" + (password == null || password.isEmpty()
                ? "(generated)" : "(hidden)") + "]";
    }
}
