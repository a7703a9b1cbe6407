package org.seedcast.accounts;

/** What a signed-in person may do. Fans are anonymous and have no role. */
public enum Role {
    /** Everything, including users, the tracker's review pages, blocks and bans. */
    ADMIN,
    /** Manages the shows an admin assigned to them, and their episodes; creates none. */
    PRODUCER;

    public static Role parse(String text) {
        for (Role role : values()) {
            if (role.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("role must be admin or producer");
    }
}
