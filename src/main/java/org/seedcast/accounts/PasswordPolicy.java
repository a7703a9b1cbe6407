package org.seedcast.accounts;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a new password must be: at least 12 characters (a password is the only factor here), at
 * most 72 bytes in UTF-8 (bcrypt ignores the rest, and Spring's encoder refuses it), not the
 * username dressed up with digits, not one of a few characters repeated, and not one of the most
 * common passwords of that length.
 */
final class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;
    private static final Set<String> COMMON = load();

    private PasswordPolicy() {
    }

    /** @throws InvalidAccountException naming {@code field} when {@code password} is not acceptable */
    static void check(String field, String username, String password) {
        if (password == null || password.codePointCount(0, password.length()) < MIN_LENGTH) {
            throw new InvalidAccountException(field, "a password has at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new InvalidAccountException(field, "a password has at most " + MAX_BYTES
                    + " bytes in UTF-8 (72 ASCII characters, fewer accented ones)");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isEmpty() && lower.contains(username.toLowerCase(Locale.ROOT))
                && lower.replace(username.toLowerCase(Locale.ROOT), "").codePoints().noneMatch(Character::isLetter)) {
            throw new InvalidAccountException(field, "a password must be more than the username");
        }
        if (password.codePoints().distinct().count() < 4) {
            throw new InvalidAccountException(field, "a password needs more than a few different characters");
        }
        if (COMMON.contains(lower)) {
            throw new InvalidAccountException(field, "this password is among the most common ones; choose another");
        }
    }

    private static Set<String> load() {
        try (InputStream in = PasswordPolicy.class.getResourceAsStream("common-passwords.txt")) {
            if (in == null) {
                throw new IllegalStateException("common-passwords.txt is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).lines()
                    .map(String::strip)
                    .filter(line -> !line.isEmpty() && !line.startsWith("#"))
                    .map(line -> line.toLowerCase(Locale.ROOT))
                    .collect(Collectors.toUnmodifiableSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
