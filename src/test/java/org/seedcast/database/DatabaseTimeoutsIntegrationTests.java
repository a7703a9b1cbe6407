package org.seedcast.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.seedcast.support.IntegrationTest;
import org.springframework.beans.factory.annotation.Autowired;

/** The bounds as the running application has them; a stalled database is in DatabaseOutageIntegrationTests. */
@IntegrationTest
class DatabaseTimeoutsIntegrationTests {

    @Autowired
    DataSource pool;

    @Autowired
    Flyway flyway;

    @Test
    void everyPooledConnectionCarriesTheStatementAndSocketTimeouts() throws SQLException {
        try (Connection connection = pool.getConnection()) {
            assertThat(setting(connection, "statement_timeout")).isEqualTo("30s");
            assertThat(connection.getNetworkTimeout()).as("milliseconds").isEqualTo(40_000);
        }
    }

    @Test
    void migrationsRunUnbounded() throws SQLException {
        DataSource migrations = flyway.getConfiguration().getDataSource();
        assertThat(migrations).isNotSameAs(pool);
        try (Connection connection = migrations.getConnection()) {
            assertThat(setting(connection, "statement_timeout")).isEqualTo("0");
            assertThat(connection.getNetworkTimeout()).isZero();
        }
    }

    private static String setting(Connection connection, String name) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet row = statement.executeQuery("show " + name)) {
            row.next();
            return row.getString(1);
        }
    }
}
