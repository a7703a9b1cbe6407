package org.seedcast;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import org.junit.jupiter.api.Assumptions;

/**
 * External programs some tests need (aria2c, chromium, mktorrent …). Without one, such a test is
 * skipped with a message naming the Debian package, unless {@code SEEDCAST_REQUIRE_TOOLS=true}
 * (system property {@code seedcast.requireTools}), as in CI, where it fails instead.
 */
public final class RequiredTools {

    private RequiredTools() {
    }

    /** The program's path on {@code PATH}; skips or fails the test when it is missing. */
    public static Path require(String command) {
        Optional<Path> found = find(command);
        if (found.isPresent()) {
            return found.get();
        }
        String message = command + " is not installed (Debian: apt-get install " + packageOf(command) + ")";
        if (required()) {
            fail(message + ", and SEEDCAST_REQUIRE_TOOLS=true");
        }
        Assumptions.abort(message + "; skipping. Set SEEDCAST_REQUIRE_TOOLS=true to fail instead.");
        throw new IllegalStateException("unreachable");
    }

    public static Optional<Path> find(String command) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(File.pathSeparator)) {
            Path candidate = Path.of(dir, command);
            if (Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    static boolean required() {
        return "true".equalsIgnoreCase(System.getProperty("seedcast.requireTools"))
                || "true".equalsIgnoreCase(System.getenv("SEEDCAST_REQUIRE_TOOLS"));
    }

    private static String packageOf(String command) {
        return switch (command) {
            case "aria2c" -> "aria2";
            case "chromedriver" -> "chromium-driver";
            case "transmission-show" -> "transmission-cli";
            default -> command;
        };
    }
}
