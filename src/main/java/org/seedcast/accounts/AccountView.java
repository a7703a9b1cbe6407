package org.seedcast.accounts;

import java.time.Instant;

/** An account as other modules and the API see it: never the password hash. */
public record AccountView(long id, String username, Role role, boolean enabled, boolean mustChangePassword,
                          Instant createdAt) {
}
