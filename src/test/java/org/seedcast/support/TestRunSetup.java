package org.seedcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.awaitility.Awaitility;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Once per test run, before any Spring context (and its embedded PostgreSQL) exists: empties
 * {@code target/test-data}, and picks a free port for the web app ({@code seedcast.test.port}) the tracker ({@code seedcast.test.tracker-port}) and the seed
 * ({@code seedcast.test.seeder-port}),
 * so the public URL written into torrents is known before the server starts and real clients
 * (aria2c) can follow it; and has Awaitility check a condition at once, not first after one poll
 * interval (its default, 100 ms for every wait, even for a condition already met). Registered in
 * {@code META-INF/services}.
 */
public class TestRunSetup implements LauncherSessionListener {

    public static final Path ROOT = Path.of("target/test-data");

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        deleteRecursively(ROOT);
        Awaitility.setDefaultPollDelay(Duration.ZERO);
        if (System.getProperty("seedcast.test.port") == null) {
            System.setProperty("seedcast.test.port", Integer.toString(freePort()));
            System.setProperty("seedcast.test.tracker-port", Integer.toString(freePort()));
            System.setProperty("seedcast.test.seeder-port", Integer.toString(freePort()));
        }
    }

    /**
     * A port nobody uses now, for a server that must know its port before it starts: below the
     * kernel's ephemeral range, which every outgoing connection (this run's clients, PostgreSQL's,
     * libtorrent's) takes its local port from, so none of them can take it in the seconds before
     * the server binds it. Free for TCP and UDP alike (the tracker listens on both).
     */
    public static int freePort() {
        int below = ephemeralRangeStart();
        for (int attempt = 0; attempt < 1000; attempt++) {
            int port = ThreadLocalRandom.current().nextInt(LOWEST_PORT, below);
            if (bindable(port)) {
                return port;
            }
        }
        throw new IllegalStateException("no free port between " + LOWEST_PORT + " and " + below);
    }

    private static final int LOWEST_PORT = 10_000;

    private static int ephemeralRangeStart() {
        try {
            // line by line: Files.readString trusts the size procfs reports (0) and read "3" of "32768\t60999"
            int start = Integer.parseInt(Files.readAllLines(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).getFirst().trim().split("\\s+")[0]);
            return start > LOWEST_PORT + 1000 ? start : 32_768;
        } catch (IOException | RuntimeException notLinux) {
            return 32_768;
        }
    }

    private static boolean bindable(int port) {
        try (ServerSocket tcp = new ServerSocket(port); DatagramSocket udp = new DatagramSocket(port)) {
            return true;
        } catch (IOException taken) {
            return false;
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
