package org.seedcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Empties {@code target/test-data} once when a test run starts, before any Spring context (and
 * its embedded PostgreSQL) exists, so every run begins with an empty database and media store.
 * Registered in {@code META-INF/services}.
 */
public class FreshTestData implements LauncherSessionListener {

    public static final Path ROOT = Path.of("target/test-data");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        if (!Files.exists(ROOT)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(ROOT)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
