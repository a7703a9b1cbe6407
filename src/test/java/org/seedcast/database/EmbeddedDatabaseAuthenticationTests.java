package org.seedcast.database;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import java.util.stream.Stream;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.storage.StorageProperties;
import org.seedcast.support.BesideTheSuite;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;

/**
 * The embedded PostgreSQL lets in only who holds the generated password (F-08): no {@code trust}. The configuration
 * creates a data directory once ({@code initdb} takes seconds), and each test that starts from one starts from a copy,
 * the trusting one of an older Seedcast included.
 */
@BesideTheSuite
class EmbeddedDatabaseAuthenticationTests {

    /** What {@code initdb -A trust} writes, as EmbeddedPostgres runs it unless told otherwise. */
    private static final String TRUSTING_HBA = """
            # TYPE  DATABASE        USER            ADDRESS                 METHOD
            local   all             all                                     trust
            host    all             all             127.0.0.1/32            trust
            host    all             all             ::1/128                 trust
            local   replication     all                                     trust
            host    replication     all             127.0.0.1/32            trust
            host    replication     all             ::1/128                 trust
            """;

    private static Path created;

    @TempDir
    Path dataDir;

    private final EmbeddedDatabaseConfiguration configuration = new EmbeddedDatabaseConfiguration();

    @BeforeAll
    static void createOne(@TempDir Path dir) throws Exception {
        created = dir.resolve("data");
        new EmbeddedDatabaseConfiguration().embeddedPostgres(new StorageProperties(created, null)).close();
    }

    /** The data directory as the configuration created it and left it when it stopped. */
    private void copyACreatedDataDirectory() throws IOException {
        try (Stream<Path> paths = Files.walk(created)) {
            for (Path from : paths.toList()) {
                Path to = dataDir.resolve(created.relativize(from).toString());
                if (!from.equals(created)) {
                    Files.copy(from, to, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    /**
     * A data directory as one created before the password existed left it: {@code initdb -A trust}'s rules in
     * {@code pg_hba.conf} and no password kept. Made from a copy of a created one, which spares an {@code initdb}:
     * its superuser's password goes with the file, so nobody knows it, as nobody knew a trusting one's.
     */
    private void copyATrustingDataDirectory() throws IOException {
        copyACreatedDataDirectory();
        Path passwordFile = DatabasePassword.fileIn(dataDir);
        Files.delete(passwordFile);
        Files.delete(passwordFile.getParent());
        Files.writeString(dataDir.resolve("postgres/pg_hba.conf"), TRUSTING_HBA);
    }

    @Test
    void aNewDatabaseRefusesConnectionsWithoutTheGeneratedPassword() throws Exception {
        copyACreatedDataDirectory(); // created by this configuration, in createOne
        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(storage())) {
            JdbcConnectionDetails details = configuration.embeddedConnectionDetails(postgres, storage());

            assertRefusesAllButThePassword(details);
        }
        assertThat(Files.readString(dataDir.resolve("postgres/pg_hba.conf")))
                .doesNotContainPattern("(?m)^[^#]*\\btrust\\b");
    }

    @Test
    void thePasswordIsKeptOwnerOnlyAndSurvivesARestart() throws Exception {
        copyACreatedDataDirectory();
        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(storage())) {
            execute(configuration.embeddedConnectionDetails(postgres, storage()), "create table kept (id int)");
        }
        Path passwordFile = DatabasePassword.fileIn(dataDir);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile.getParent())))
                .isEqualTo("rwx------");

        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(storage())) {
            execute(configuration.embeddedConnectionDetails(postgres, storage()), "select * from kept");
        }
    }

    @Test
    void aDatabaseCreatedWithTrustIsMovedToThePasswordOnStart() throws Exception {
        copyATrustingDataDirectory();
        Path pgData = dataDir.resolve("postgres");
        try (EmbeddedPostgres trusting = EmbeddedPostgres.builder().setDataDirectory(pgData)
                .setCleanDataDirectory(false).setRegisterShutdownHook(false).start()) {
            try (Connection c = trusting.getPostgresDatabase().getConnection(); Statement s = c.createStatement()) {
                s.execute("create table kept (id int)");
            }
        }

        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(storage())) {
            JdbcConnectionDetails details = configuration.embeddedConnectionDetails(postgres, storage());

            assertRefusesAllButThePassword(details);
            execute(details, "select * from kept");
        }
        assertThat(Files.readString(pgData.resolve("pg_hba.conf"))).doesNotContainPattern("(?m)^[^#]*\\btrust\\b");
    }

    @Test
    void aLostPasswordFileIsReportedInsteadOfReplaced() throws Exception {
        copyACreatedDataDirectory();
        Files.delete(DatabasePassword.fileIn(dataDir));

        assertThatThrownBy(() -> configuration.embeddedPostgres(storage()).close())
                .hasMessageContaining("superuser.password").hasMessageContaining("restore it");
    }

    @Test
    void aLooseningOfThePasswordFileIsUndoneOnStart() throws Exception {
        copyACreatedDataDirectory();
        Path passwordFile = DatabasePassword.fileIn(dataDir);
        Files.setPosixFilePermissions(passwordFile, PosixFilePermissions.fromString("rw-r--r--"));

        try (EmbeddedPostgres postgres = configuration.embeddedPostgres(storage())) {
            execute(configuration.embeddedConnectionDetails(postgres, storage()), "select 1");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(passwordFile))).isEqualTo("rw-------");
    }

    private static void assertRefusesAllButThePassword(JdbcConnectionDetails details) throws SQLException {
        assertThatThrownBy(() -> connect(details.getJdbcUrl(), null).close()).isInstanceOf(SQLException.class);
        assertThatThrownBy(() -> connect(details.getJdbcUrl(), "wrong-password").close())
                .isInstanceOf(SQLException.class).hasMessageContaining("password authentication failed");
        assertThat(details.getPassword()).isNotBlank();
        execute(details, "select 1");
    }

    private StorageProperties storage() {
        return new StorageProperties(dataDir, null);
    }

    private static void execute(JdbcConnectionDetails details, String sql) throws SQLException {
        try (Connection c = connect(details.getJdbcUrl(), details.getPassword()); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static Connection connect(String url, String password) throws SQLException {
        Properties properties = new Properties();
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(url, properties);
    }
}
