package org.seedcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.seedcast.RequiredTools;

/**
 * A PostgreSQL server of the machine's own (Debian's {@code postgresql} binaries) that a test can
 * stop and start again on the same port, which the embedded one (a child of the application) and
 * a container cannot offer as simply. One cluster serves the whole test run: it is created under
 * {@code target/test-data/external-postgres} on first use, each test class takes a database of its
 * own, and JUnit stops the server when the run ends. Inject it with
 * {@code @ExtendWith(ExternalPostgres.Extension.class)} into a {@code @BeforeAll} method.
 */
public final class ExternalPostgres implements AutoCloseable {

    /**
     * The server as a resource JUnit locks, for classes that run {@link BesideTheSuite}: each one that uses it holds
     * it in {@code READ} mode, one that stops it in {@code READ_WRITE}, so no class stops it under another.
     */
    public static final String LOCK = "org.seedcast.support.ExternalPostgres";

    private static final String USER = "seedcast";

    private final Path dataDir;
    private final Path log;
    private final String password;
    private final int port;
    private boolean running;

    private ExternalPostgres(Path dir) throws IOException {
        Path initdb = RequiredTools.requirePostgresProgram("initdb");
        if ("root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("PostgreSQL refuses to run as root: run the tests as an ordinary user (see .ci/run)");
        }
        this.dataDir = dir.toAbsolutePath().resolve("data");
        this.log = dir.toAbsolutePath().resolve("postgres.log");
        this.password = UUID.randomUUID().toString();
        this.port = TestRunSetup.freePort();
        Files.createDirectories(dir);
        Path passwordFile = dir.resolve("password");
        Files.writeString(passwordFile, password, StandardCharsets.UTF_8);
        RequiredTools.run(List.of(initdb.toString(), "-D", dataDir.toString(), "-U", USER, "--pwfile=" + passwordFile,
                "-A", "scram-sha-256", "-E", "UTF8", "--no-locale", "--no-sync"));
        Files.delete(passwordFile);
        start();
    }

    /** The JDBC URL of {@code database} on this server. */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    public String username() {
        return USER;
    }

    public String password() {
        return password;
    }

    /** Creates an empty database named {@code name}, dropping one of that name first; returns its JDBC URL. */
    public String createDatabase(String name) {
        try (Connection c = connect("postgres"); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
        return jdbcUrl(name);
    }

    /** A connection to {@code database}, for tests that look at what the application stored. */
    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection(jdbcUrl(database), USER, password);
    }

    /** Starts the server on its port and waits until it accepts connections. */
    public synchronized void start() {
        List<String> options = List.of("-p " + port, "-c listen_addresses=127.0.0.1", "-c unix_socket_directories=''",
                "-c fsync=off", "-c max_connections=100", "-c shared_buffers=16MB");
        pgCtl("-o", String.join(" ", options), "-l", log.toString(), "-t", "60", "start");
        running = true;
    }

    /**
     * Stops the server: {@code fast} disconnects every client and shuts down cleanly,
     * {@code immediate} stops at once, as a crash would (the next start recovers from the WAL).
     */
    public synchronized void stop(String mode) {
        pgCtl("-m", mode, "-t", "60", "stop");
        running = false;
    }

    /** Starts the server unless it runs: for clean-up after a test that stopped it. */
    public synchronized void ensureRunning() {
        if (!running) {
            start();
        }
    }

    @Override
    public synchronized void close() {
        if (running) {
            stop("fast");
        }
    }

    private void pgCtl(String... arguments) {
        List<String> command = new ArrayList<>(List.of(RequiredTools.requirePostgresProgram("pg_ctl").toString(),
                "-D", dataDir.toString(), "-w"));
        command.addAll(List.of(arguments));
        RequiredTools.run(command);
    }


    /** Resolves an {@link ExternalPostgres} parameter with the run's one server, started on first use. */
    public static final class Extension extends RunScoped<ExternalPostgres> {

        public Extension() {
            super(ExternalPostgres.class);
        }

        @Override
        ExternalPostgres create() {
            try {
                return new ExternalPostgres(TestRunSetup.ROOT.resolve("external-postgres"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        @Override
        void close(ExternalPostgres server) {
            server.close();
        }
    }
}
