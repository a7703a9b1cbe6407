package org.seedcast.database;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
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
 */
@AutoConfiguration(before = DataSourceAutoConfiguration.class)
@Conditional(EmbeddedDatabaseConfiguration.NoExternalDatabase.class)
class EmbeddedDatabaseConfiguration {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedDatabaseConfiguration.class);

    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean(JdbcConnectionDetails.class)
    EmbeddedPostgres embeddedPostgres(@Value("${seedcast.data-dir:./data}") Path dataDir) throws IOException {
        refuseRoot();
        Path pgData = dataDir.toAbsolutePath().normalize().resolve("postgres");
        Files.createDirectories(pgData);
        stopOrphan(pgData);
        log.info("Starting embedded PostgreSQL with its files in {}", pgData);
        return EmbeddedPostgres.builder()
                .setDataDirectory(pgData)
                .setCleanDataDirectory(false)
                .setServerConfig("listen_addresses", "localhost")
                .setServerConfig("max_connections", "50")
                .setPGStartupWait(Duration.ofSeconds(60))
                .setRegisterShutdownHook(false)
                .start();
    }

    @Bean
    @ConditionalOnMissingBean(JdbcConnectionDetails.class)
    JdbcConnectionDetails embeddedConnectionDetails(EmbeddedPostgres postgres) {
        return new EmbeddedConnectionDetails(postgres.getJdbcUrl("postgres", "postgres"));
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
            orphan.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
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

    private record EmbeddedConnectionDetails(String jdbcUrl) implements JdbcConnectionDetails {

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
            return "";
        }
    }
}
