package org.seedcast.accounts;

import java.security.SecureRandom;
import java.util.Base64;

/** Generated passwords: the first admin's and an admin's resets. */
final class Passwords {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Passwords() {
    }

    /** 120 random bits as 20 URL-safe characters: easy to paste, never typed. */
    static String generate() {
        byte[] bytes = new byte[15];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
