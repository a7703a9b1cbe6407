package org.seedcast.support;

import java.util.concurrent.atomic.AtomicInteger;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * A real PostgreSQL for integration tests: a Testcontainers container when a Docker engine is
 * reachable, otherwise a database of the context's own in the run's one {@link TestPostgres}. Either
 * way the application's embedded PostgreSQL ({@code EmbeddedDatabaseConfiguration}) stands aside,
 * as it does for any configured connection.
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

    private static final AtomicInteger CONTEXTS = new AtomicInteger();
    private static Boolean dockerAvailable;

    @Bean
    @ServiceConnection
    @Conditional(DockerAvailable.class)
    PostgreSQLContainer postgres() {
        return new PostgreSQLContainer("postgres:17-alpine");
    }

    @Bean
    @Conditional(NoDocker.class)
    JdbcConnectionDetails testPostgres() {
        String database = "context_" + CONTEXTS.incrementAndGet();
        TestPostgres.emptyDatabase(database);
        return TestPostgres.connectionDetails(database);
    }

    /** Whether a Docker engine answers: asked once per run (the probe takes a while without one). */
    static synchronized boolean dockerAvailable() {
        if (dockerAvailable == null) {
            dockerAvailable = probe();
        }
        return dockerAvailable;
    }

    private static boolean probe() {
        if ("false".equals(System.getenv("SEEDCAST_TESTCONTAINERS"))) {
            return false;
        }
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (Throwable e) {
            return false;
        }
    }

    static class DockerAvailable implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return dockerAvailable();
        }
    }

    static class NoDocker implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !dockerAvailable();
        }
    }
}
