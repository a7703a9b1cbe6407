package org.seedcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Once per test run, before any Spring context (and its embedded PostgreSQL) exists: empties
 * {@code target/test-data}, and picks a free port for the web app ({@code seedcast.test.port}) the tracker ({@code seedcast.test.tracker-port}) and the seed
 * ({@code seedcast.test.seeder-port}),
 * so the public URL written into torrents is known before the server starts and real clients
 * (aria2c) can follow it. Registered in {@code META-INF/services}.
 */
public class TestRunSetup implements LauncherSessionListener {

    public static final Path ROOT = Path.of("target/test-data");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        deleteRecursively(ROOT);
        if (System.getProperty("seedcast.test.port") == null) {
            System.setProperty("seedcast.test.port", Integer.toString(freePort()));
            System.setProperty("seedcast.test.tracker-port", Integer.toString(freePort()));
            System.setProperty("seedcast.test.seeder-port", Integer.toString(freePort()));
        }
    }

    /** A port nobody listens on now, for a server that must know its port before it starts. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
