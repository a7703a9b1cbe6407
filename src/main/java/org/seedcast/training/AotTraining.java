package org.seedcast.training;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.seedcast.tracker.training.TrackerTrainer;
import org.seedcast.tracker.training.TrackerTraining;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code seedcast train}: the training run for the JVM's ahead-of-time cache (JDK 25+,
 * {@code -XX:AOTCacheOutput}). Starts a throwaway application (its own embedded PostgreSQL in a
 * temporary data directory, whatever the environment configures; web and tracker on free ports,
 * the tracker bound as in production, the web server to loopback), drives real traffic through the
 * tracker ({@link TrackerTraining}) and the public pages and feeds, shuts down and deletes the
 * directory. The JVM then writes the cache on exit;
 * an application started with {@code -XX:AOTCache} finds the classes loaded and linked and the
 * hot methods' profiles ready, so its first requests are served at speed. See the README.
 */
public final class AotTraining {

    /** Public pages and feeds a fan loads; with the empty catalogue they still run the whole view path. */
    private static final List<String> PAGES = List.of("/", "/feeds/all.xml", "/feeds/torrents.xml", "/feeds/opml",
            "/login", "/shows/training-no-such-show", "/actuator/health");

    private AotTraining() {
    }

    /**
     * @param application the application to start a throwaway instance of (passed in, as the
     *                    application's class depends on this module and not the other way round)
     * @return the exit status: 0 when every request was answered
     */
    public static int run(Class<?> application, String[] args, PrintStream out) {
        int peers = intArg(args, 1, 1000);
        int rounds = intArg(args, 2, 5);
        if (peers < 1 || peers > 60_000 || rounds < 1 || rounds > 20) {
            out.println("usage: train [PEERS=1000, 1 to 60000] [ROUNDS=5, 1 to 20: more would take a peer over its "
                    + "rate budget]");
            return 2;
        }
        Path dir;
        try {
            dir = Files.createTempDirectory("seedcast-training-");
        } catch (IOException e) {
            out.println("seedcast train: cannot create a temporary data directory: " + e.getMessage());
            return 2;
        }
        long started = System.nanoTime();
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(application)
                .run("--seedcast.data-dir=" + dir, "--spring.datasource.url=", "--server.port=0",
                        "--server.address=127.0.0.1", "--seedcast.tracker.enabled=true", "--seedcast.tracker.port=0",
                        "--seedcast.tracker.bind-address=", "--seedcast.public-url=http://127.0.0.1",
                        "--seedcast.seeder.port=" + freePort(), "--seedcast.seeder.bind-address=127.0.0.1",
                        // the default budget per address, whatever the environment sets: the peers stay within it
                        "--seedcast.tracker.rate-limit=20", "--seedcast.tracker.rate-limit-burst=200")) {
            TrackerTraining.Result tracker = context.getBean(TrackerTrainer.class).train(peers, rounds, 20_000);
            int webPort = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
            long[] pages = pages(webPort, 100);
            out.printf("seedcast train: tracker %d UDP and %d HTTP answers, %d failures, %d flood datagrams; "
                            + "pages %d answers, %d failures; %.1f s%n", tracker.udpAnswered(), tracker.httpAnswered(),
                    tracker.failures(), tracker.blastSent(), pages[0], pages[1], (System.nanoTime() - started) / 1e9);
            return tracker.failures() == 0 && pages[1] == 0 ? 0 : 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        } catch (RuntimeException e) { // Spring Boot has logged why the application could not start
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            out.println("seedcast train: no training, the application failed: " + root.getMessage());
            return 2;
        } finally {
            delete(dir);
        }
    }

    /** Loads each page {@code times} times; @return answered (any status but 5xx) and failed */
    private static long[] pages(int port, int times) throws InterruptedException {
        long[] counts = new long[2];
        try (HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build()) {
            for (int i = 0; i < times; i++) {
                for (String page : PAGES) {
                    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + page))
                            .timeout(Duration.ofSeconds(10)).build();
                    try {
                        int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                        counts[status < 500 ? 0 : 1]++;
                    } catch (IOException e) {
                        counts[1]++;
                    }
                }
            }
        }
        return counts;
    }

    /** The argument as a number, its default when absent, or -1 (refused as out of range) when not a number. */
    private static int intArg(String[] args, int index, int otherwise) {
        if (args.length <= index) {
            return otherwise;
        }
        try {
            return Integer.parseInt(args[index]);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory: the system cleans it
        }
    }

    /** A port free now, for the seed: it is advertised in magnets and peer lists, so 0 will not do. */
    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
