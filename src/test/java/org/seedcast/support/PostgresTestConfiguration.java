package org.seedcast.support;


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
 * reachable, otherwise the application's own embedded PostgreSQL (started by
 * {@code EmbeddedDatabaseConfiguration} because no connection is configured).
 */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresTestConfiguration {

    @Bean
    @ServiceConnection
    @Conditional(DockerAvailable.class)
    PostgreSQLContainer postgres() {
        return new PostgreSQLContainer("postgres:17-alpine");
    }

    static class DockerAvailable implements Condition {

        private static Boolean available;

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            if (available == null) {
                available = probe();
            }
            return available;
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
    }
}
