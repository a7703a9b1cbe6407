package org.seedcast.database;

import java.util.Properties;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.flyway.autoconfigure.FlywayConfigurationCustomizer;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

/**
 * Bounds every call on the connection pool ({@link DatabaseProperties}) through pgjdbc's own
 * properties, so that it holds for the embedded PostgreSQL and an external one alike: the
 * statement timeout as a server setting sent when each connection starts ({@code options}), the
 * socket timeout on the client. Settings an operator gave the pool
 * ({@code spring.datasource.hikari.data-source-properties.*}, or the URL's parameters, which
 * pgjdbc prefers) win. Flyway migrates through connections of its own without either bound.
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
class DatabaseTimeouts {

    static final String SOCKET_TIMEOUT = "socketTimeout";
    static final String OPTIONS = "options";

    /**
     * Binds the settings itself rather than asking for their bean: a module test of another
     * module has the pool but leaves out this module's beans.
     */
    @Bean
    static BeanPostProcessor boundedPoolConnections(Environment environment) {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String name) {
                if (bean instanceof HikariDataSource pool) {
                    bound(pool.getDataSourceProperties(),
                            Binder.get(environment).bindOrCreate("seedcast.database", DatabaseProperties.class));
                }
                return bean;
            }
        };
    }

    static void bound(Properties driver, DatabaseProperties timeouts) {
        // pgjdbc counts whole seconds: round up, so that a short bound is not read as none
        long socketSeconds = (timeouts.socketTimeout().toMillis() + 999) / 1000;
        driver.putIfAbsent(SOCKET_TIMEOUT, Long.toString(socketSeconds));
        String options = driver.getProperty(OPTIONS, "");
        if (!options.contains("statement_timeout")) {
            driver.setProperty(OPTIONS, (options + " -c statement_timeout=" + timeouts.statementTimeout().toMillis()).strip());
        }
    }

    /**
     * The pool's connection settings (TLS and the like), less its bounds: a migration that
     * rewrites a large table must not be cut off half-way through a release's start. Static, as
     * the bean above, so that it does not need this configuration's own bean (which a module test
     * of another module leaves out).
     */
    @Bean
    static FlywayConfigurationCustomizer unboundedMigrations() {
        return configuration -> {
            DataSource dataSource = configuration.getDataSource();
            if (!(dataSource instanceof HikariDataSource pool) || pool.getJdbcUrl() == null) {
                return;
            }
            Properties driver = new Properties();
            driver.putAll(pool.getDataSourceProperties());
            driver.setProperty(SOCKET_TIMEOUT, "0");
            // a later -c wins over an earlier one
            driver.setProperty(OPTIONS, (driver.getProperty(OPTIONS, "") + " -c statement_timeout=0").strip());
            SimpleDriverDataSource migrations = new SimpleDriverDataSource(new org.postgresql.Driver(), pool.getJdbcUrl(),
                    pool.getUsername(), pool.getPassword());
            migrations.setConnectionProperties(driver);
            configuration.dataSource(migrations);
        };
    }
}
