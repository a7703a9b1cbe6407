package org.seedcast.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The one PostgreSQL of a test run for every test that only uses a database (the full application's context, the
 * slices, the stores' tests): started on first use under {@code target/test-data/postgres} from the same binaries
 * the application embeds, so nothing needs installing; each user takes a database of its own instead of a cluster
 * of its own ({@code initdb} is the slow part). It stops when the test JVM exits. Tests that stop or crash their
 * database use {@link ExternalPostgres} instead, so that they break no one else's.
 */
public final class TestPostgres {

    private static EmbeddedPostgres server;
    private static final Map<String, HikariDataSource> POOLS = new HashMap<>();

    private TestPostgres() {
    }

    /**
     * Creates an empty database named {@code name} (dropping one of that name first) and returns a small pool of
     * connections to it, as the application has: without one, every query would fork a server process of its own.
     */
    public static synchronized DataSource createDatabase(String name) {
        emptyDatabase(name);
        HikariDataSource pool = new HikariDataSource();
        pool.setPoolName("test-" + name);
        pool.setJdbcUrl(jdbcUrl(name));
        pool.setUsername("postgres");
        pool.setMaximumPoolSize(4);
        pool.setMinimumIdle(1);
        POOLS.put(name, pool);
        return pool;
    }

    /**
     * Creates an empty database named {@code name} as {@link #createDatabase} does, for a test whose every connection
     * must be a server session of its own (one it ends under a user's feet, say): each one opens a new session.
     */
    public static synchronized DataSource createUnpooledDatabase(String name) {
        emptyDatabase(name);
        return server.getDatabase("postgres", name);
    }

    /** Creates an empty database named {@code name}, dropping one of that name first (and closing its pool). */
    static synchronized void emptyDatabase(String name) {
        HikariDataSource previous = POOLS.remove(name);
        if (previous != null) {
            previous.close();
        }
        try (Connection c = server().getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
            s.execute("create database " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /** The JDBC URL of {@code database}, for user {@code postgres} without a password (the server trusts loopback). */
    public static synchronized String jdbcUrl(String database) {
        return server().getJdbcUrl("postgres", database);
    }

    /** How Spring Boot reaches {@code database}: as {@link #jdbcUrl}, for user {@code postgres} without a password. */
    public static JdbcConnectionDetails connectionDetails(String database) {
        String url = jdbcUrl(database);
        return new JdbcConnectionDetails() {
            @Override
            public String getUsername() {
                return "postgres";
            }

            @Override
            public String getPassword() {
                return null;
            }

            @Override
            public String getJdbcUrl() {
                return url;
            }
        };
    }

    /** Starts the server unless it runs: ahead of its first use (see {@link HeadStart}). */
    static synchronized void start() {
        server();
    }

    private static synchronized void stop() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException("could not stop the tests' PostgreSQL", e);
        }
    }

    private static EmbeddedPostgres server() {
        if (server == null) {
            try {
                server = EmbeddedPostgres.builder()
                        .setDataDirectory(TestRunSetup.ROOT.resolve("postgres").toAbsolutePath())
                        .setCleanDataDirectory(true)
                        .setServerConfig("fsync", "off")
                        .setServerConfig("full_page_writes", "off")
                        .setPGStartupWait(Duration.ofSeconds(60))
                        // stopped once the run's applications have closed: a shutdown hook of its own ran beside
                        // theirs, and each application's last flushes waited out the pool's connection timeout
                        .setRegisterShutdownHook(false)
                        .start();
                SpringApplication.getShutdownHandlers().add(TestPostgres::stop);
            } catch (IOException e) {
                throw new UncheckedIOException("could not start the tests' PostgreSQL", e);
            }
        }
        return server;
    }
}
