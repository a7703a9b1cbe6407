package org.seedcast.support;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.seedcast.SeedcastApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.TypeExcludeFilter;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.classreading.MetadataReaderFactory;

/**
 * The whole application started by a test against a database of its choice (see
 * {@link ExternalPostgres}), with its own data directory and ports, which stay the same across
 * restarts: {@link #start} runs it in the test's JVM, {@link #startProcess} in a JVM of its own
 * that {@link #kill} can end with SIGKILL. {@link #close} stops it gracefully.
 */
public final class RunningSeedcast implements AutoCloseable {

    /**
     * The second JVM as a resource JUnit locks ({@code READ_WRITE}), for classes that run {@link BesideTheSuite} and
     * start one: a JVM's start takes every core for seconds, so two at once beside the suite starve each other.
     */
    public static final String PROCESS_LOCK = "org.seedcast.support.RunningSeedcast.process";

    /** Generous: the start competes with the rest of the suite, and on a shared machine with other builds. */
    private static final Duration STARTUP = Duration.ofMinutes(5);
    /** A refused connect or a readiness probe is cheap beside the start it waits for, so it looks often. */
    private static final Duration READINESS_POLL = Duration.ofMillis(50);

    /**
     * The second JVM's options: C1 and the serial collector, as for the test JVM (see docs/testing.md); a first
     * metadata collection threshold above what a started application holds (about 110 MB), so its start runs no full
     * collection of the heap just to grow its class metadata; and no verification of the application's bytecode, which
     * the test JVM verifies anyway when it loads the same classes from the same class path. Thread priorities reach the
     * OS, as in production.
     */
    private static final List<String> PROCESS_JVM_OPTIONS = List.of("-Xmx256m", "-XX:ThreadPriorityPolicy=1", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-XX:MetaspaceSize=256m", "-XX:+UnlockDiagnosticVMOptions",
            "-XX:-BytecodeVerificationRemote");

    private final Settings settings;
    private ConfigurableApplicationContext context;
    private Process process;

    private RunningSeedcast(Settings settings) {
        this.settings = settings;
    }

    /**
     * What an application needs: its database, its data directory and extra properties
     * ({@code name=value}); free ports are chosen once and kept for restarts.
     */
    public static Settings settings(ExternalPostgres postgres, String database, Path dataDir, String... properties) {
        return settings(postgres.jdbcUrl(database), postgres.username(), postgres.password(), dataDir, properties);
    }

    /** The same for a database given by its URL and credentials: another node of an application already running. */
    public static Settings settings(String jdbcUrl, String username, String password, Path dataDir, String... properties) {
        return new Settings(jdbcUrl, username, password == null ? "" : password, dataDir.toAbsolutePath(), TestRunSetup.freePort(),
                TestRunSetup.freePort(), List.of(properties));
    }

    /** Starts the application in this JVM and returns once it is ready. */
    public static RunningSeedcast start(Settings settings) {
        RunningSeedcast app = new RunningSeedcast(settings);
        app.context = new SpringApplicationBuilder(SeedcastApplication.class).main(SeedcastApplication.class)
                .initializers(context -> context.getBeanFactory()
                        .registerSingleton(TestClassesExcluded.class.getName(), new TestClassesExcluded()))
                .run(settings.arguments().toArray(String[]::new));
        return app;
    }

    /** Starts the application in a JVM of its own and returns once it answers its readiness probe. */
    public static RunningSeedcast startProcess(Settings settings) {
        return launchProcess(settings).awaitReady();
    }

    /**
     * Starts the application in a JVM of its own and returns at once, so that the test can start
     * something else meanwhile; {@link #awaitReady()} then waits for its readiness probe.
     */
    public static RunningSeedcast launchProcess(Settings settings) {
        RunningSeedcast app = new RunningSeedcast(settings);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
        command.addAll(PROCESS_JVM_OPTIONS);
        command.addAll(List.of("-cp", applicationClassPath(), SeedcastApplication.class.getName()));
        command.addAll(settings.arguments());
        try {
            Files.createDirectories(settings.dataDir());
            app.process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(settings.log().toFile())).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return app;
    }

    public int port() {
        return settings.port();
    }

    public int trackerPort() {
        return settings.trackerPort();
    }

    public Settings settings() {
        return settings;
    }

    /** The in-JVM application's context (not for one in its own process). */
    public ConfigurableApplicationContext context() {
        if (context == null) {
            throw new IllegalStateException("the application runs in a process of its own");
        }
        return context;
    }

    /** Ends the application's process with SIGKILL: no shutdown hook, no last flush, no cleanup. */
    public void kill() {
        if (process == null) {
            throw new IllegalStateException("only an application in a process of its own can be killed");
        }
        process.destroyForcibly();
        await(process);
        process = null;
    }

    @Override
    public void close() {
        if (context != null) {
            context.close();
            context = null;
        }
        if (process != null) {
            process.destroy();
            await(process);
            process = null;
        }
    }

    /** Waits until the application in its own process answers its readiness probe (on the management port without web). */
    public RunningSeedcast awaitReady() {
        Http http = Http.at(settings.port());
        try {
            Awaitility.await("the application's readiness").atMost(STARTUP).pollInterval(READINESS_POLL)
                    .until(() -> {
                        if (!process.isAlive()) {
                            throw new AssertionError("the application exited with " + process.exitValue()
                                    + "; its log:\n" + logTail());
                        }
                        return ready(http);
                    });
        } catch (ConditionTimeoutException e) {
            process.destroyForcibly();
            throw new AssertionError("the application was not ready within " + STARTUP + "; its log:\n" + logTail(), e);
        }
        return this;
    }

    private static boolean ready(Http http) {
        try {
            HttpResponse<String> health = http.get("/actuator/health/readiness");
            return health.statusCode() == 200;
        } catch (IllegalStateException notListeningYet) {
            return false;
        }
    }

    /** The last lines the application's own process logged. */
    public String logTail() {
        return org.seedcast.RequiredTools.logTail(settings.log(), 60);
    }

    private static void await(Process process) {
        try {
            if (!process.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The test JVM's class path without the test classes: the application's own classes and
     * dependencies, so nothing of the tests is component-scanned into it.
     */
    private static String applicationClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        return Arrays.stream(classPath.split(File.pathSeparator))
                .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
                .collect(Collectors.joining(File.pathSeparator));
    }


    /**
     * @param jdbcUrl     the application's database
     * @param username    its user
     * @param password    that user's password (empty for none)
     * @param dataDir     its {@code seedcast.data-dir}
     * @param port        its web port
     * @param trackerPort its tracker's port (HTTP and UDP)
     * @param properties  more {@code name=value} settings, which win over the defaults here
     */
    public record Settings(String jdbcUrl, String username, String password, Path dataDir, int port, int trackerPort,
                           List<String> properties) {

        Path log() {
            return dataDir.resolveSibling(dataDir.getFileName() + ".log");
        }

        List<String> arguments() {
            Map<String, String> values = new LinkedHashMap<>();
            values.put("server.port", Integer.toString(port));
            values.put("seedcast.public-url", "http://localhost:" + port);
            values.put("seedcast.data-dir", dataDir.toString());
            values.put("seedcast.tracker.port", Integer.toString(trackerPort));
            values.put("seedcast.tracker.bind-address", "127.0.0.1");
            values.put("seedcast.tracker.threads", "1");
            values.put("seedcast.tracker.udp-sockets", "2");
            // a real port, not 0: magnets and the tracker advertise it (AdvertisedSeed refuses 0)
            values.put("seedcast.seeder.port", Integer.toString(TestRunSetup.freePort()));
            values.put("seedcast.seeder.bind-address", "127.0.0.1");
            values.put("seedcast.seeder.threads", "1");
            values.put("seedcast.admin.username", Studio.ADMIN);
            values.put("seedcast.admin.password", Studio.ADMIN_PASSWORD);
            values.put("seedcast.uploads.max-size", "64MB");
            values.put("spring.datasource.url", jdbcUrl);
            values.put("spring.datasource.username", username);
            values.put("spring.datasource.password", password);
            // while the database is down, a request waits this long for a connection before it fails
            values.put("spring.datasource.hikari.connection-timeout", "2000");
            for (String property : properties) {
                String[] pair = property.split("=", 2);
                values.put(pair[0], pair[1]);
            }
            return values.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toList();
        }
    }

    /** Keeps the test classes (on this JVM's class path) out of the component scan of an application started here. */
    private static final class TestClassesExcluded extends TypeExcludeFilter {

        @Override
        public boolean match(MetadataReader reader, MetadataReaderFactory factory) throws IOException {
            return reader.getResource().getURL().toString().contains("/test-classes/");
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TestClassesExcluded;
        }

        @Override
        public int hashCode() {
            return TestClassesExcluded.class.hashCode();
        }
    }
}
