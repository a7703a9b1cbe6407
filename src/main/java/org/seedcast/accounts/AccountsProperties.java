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
}
