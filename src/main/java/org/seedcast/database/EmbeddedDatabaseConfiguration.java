package org.seedcast.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.postgresql.PGConnection;
import org.seedcast.storage.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Starts an embedded PostgreSQL whose files live under {@code SEEDCAST_DATA_DIR/postgres} when
 * neither {@code spring.datasource.url} nor another connection (e.g. a Testcontainers
 * {@code @ServiceConnection}) is configured. Boot's own DataSource, Flyway and JPA set-up then
 * use it through {@link JdbcConnectionDetails}, so nothing downstream knows it is embedded.
 * It lets in only who holds the superuser's generated password ({@link DatabasePassword}): a
 * local user or a container sharing the network could otherwise read hashes or run programs.
 * The data directory is storage's setting; it is enabled here too so that this auto-configuration
 * does not rely on the application's properties scan.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
@EnableConfigurationProperties(StorageProperties.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);
    private static final String PASSWORD_ONLY_HBA = """
            # Written by Seedcast: every connection needs the superuser's password (SCRAM), nobody is trusted.
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(JdbcConnectionDetails.class)
    EmbeddedPostgres embeddedPostgres(StorageProperties storage) throws IOException {
        refuseRoot();
        Path dataDir = storage.dataDir();
        Path pgData = storage.inDataDir("postgres");
        Files.createDirectories(pgData);
        stopOrphan(pgData);
        Path hba = pgData.resolve("pg_hba.conf");
        boolean trusting = Files.exists(hba) && trusts(Files.readAllLines(hba));
        if (Files.exists(hba) && !trusting && !Files.exists(DatabasePassword.fileIn(dataDir))) {
            throw new IllegalStateException("The embedded PostgreSQL in " + pgData + " requires the password that was kept in "
                    + DatabasePassword.fileIn(dataDir) + ", and that file is gone: restore it from a backup of the data directory");
        }
        String password = DatabasePassword.readOrCreate(dataDir);
        log.info("Starting embedded PostgreSQL with its files in {}", pgData);
        EmbeddedPostgres postgres = start(pgData, password);
        if (!trusting) {
            return postgres;
        }
        try {
            requirePassword(postgres, password, hba);
        } finally {
            postgres.close();
        }
        return start(pgData, password);
    }

    /**
     * zonky runs {@code initdb -A trust}; the options it appends after its own (its "locale"
     * settings) win, so a new cluster is created with SCRAM for every connection and the
     * superuser's password from the file. Unix sockets are off: the application connects over
     * loopback TCP, and a socket in {@code /tmp} would be one more door.
     */
    private static EmbeddedPostgres start(Path pgData, String password) throws IOException {
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setLocaleConfig("auth", "scram-sha-256")
                .setLocaleConfig("pwfile", DatabasePassword.fileIn(pgData.getParent()).toString())
                .setConnectConfig("password", password)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("unix_socket_directories", "''")
                .setServerConfig("password_encryption", "scram-sha-256")
                .setServerConfig("max_connections", "50")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .start();
    }

    /**
     * A data directory created before the password existed trusts every local connection: this
     * start (the last one trusted) sets the password and rewrites {@code pg_hba.conf}; the caller
     * restarts the server so the new rules hold before anything else connects. Interrupted
     * half-way, the next start does it again.
     */
    private static void requirePassword(EmbeddedPostgres postgres, String password, Path hba) throws IOException {
        log.warn("The embedded PostgreSQL in {} trusted every local connection; it now requires the password in {}",
                hba.getParent(), DatabasePassword.fileIn(hba.getParent().getParent()));
        try (Connection connection = postgres.getPostgresDatabase().getConnection()) {
            // hashed here (SCRAM), so the password never reaches the server's statement log
            connection.unwrap(PGConnection.class).alterUserPassword("postgres", password.toCharArray(), "scram-sha-256");
        } catch (SQLException e) {
            throw new IOException("could not set the embedded PostgreSQL's password", e);
        }
        Path tmp = hba.resolveSibling("pg_hba.conf.tmp");
        Files.writeString(tmp, PASSWORD_ONLY_HBA);
        Files.move(tmp, hba, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static boolean trusts(List<String> hbaLines) {
        return hbaLines.stream()
                .map(line -> line.replaceFirst("#.*", "").strip())
                .anyMatch(line -> List.of(line.split("\\s+")).contains("trust"));
    }

    @Bean
    @ConditionalOnMissingBean(JdbcConnectionDetails.class)
    JdbcConnectionDetails embeddedConnectionDetails(EmbeddedPostgres postgres, StorageProperties storage)
            throws IOException {
        return new EmbeddedConnectionDetails(postgres.getJdbcUrl("postgres", "postgres"),
                DatabasePassword.readOrCreate(storage.dataDir()));
    }

    /**
     * A PostgreSQL left running by an application that was killed outright (SIGKILL, a crash)
     * still holds the data directory, and a new one would refuse to start. Stop it first: it is
     * ours (same data directory, a postgres process), and nothing can be connected to it anymore.
     */
    static void stopOrphan(Path pgData) throws IOException {
        Path pidFile = pgData.resolve("postmaster.pid");
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (RuntimeException e) {
            return;
        }
        ProcessHandle orphan = ProcessHandle.of(pid)
                .filter(p -> p.info().command().map(c -> c.endsWith("/postgres")).orElse(false))
                .orElse(null);
        if (orphan == null) {
            return;
        }
        log.warn("Stopping PostgreSQL {} left running on {} by an earlier run that did not shut down", pid, pgData);
        orphan.destroy();
        try {
            orphan.onExit().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("PostgreSQL " + pid + " still runs on " + pgData + "; stop it and start again");
        }
    }

    private static void refuseRoot() {
        if ("root".equals(System.getProperty("user.name"))) {
            throw new RunningAsRoot();
        }
    }

    /** True unless {@code spring.datasource.url} names an external database. */
    static class NoExternalDatabase implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            String url = context.getEnvironment().getProperty("spring.datasource.url");
            return url == null || url.isBlank();
        }
    }

    private record EmbeddedConnectionDetails(String jdbcUrl, String password) implements JdbcConnectionDetails {

        @Override
        public String getJdbcUrl() {
            return jdbcUrl;
        }

        @Override
        public String getUsername() {
            return "postgres";
        }

        @Override
        public String getPassword() {
            return password;
        }

        @Override
        public String toString() {
            return "EmbeddedConnectionDetails[" + jdbcUrl + "]";
        }
    }
}
