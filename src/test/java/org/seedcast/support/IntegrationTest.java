package org.seedcast.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;

/**
 * The whole application on a free port (chosen by {@link TestRunSetup}) against a real PostgreSQL, with its data directory
 * under {@code target/test-data}, and a {@link TestClock} as the application's clock. Every test class with this
 * annotation shares one context: give none of them a property, a mock or a configuration of its own.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "seedcast.data-dir=target/test-data/it",
        "seedcast.admin.username=admin",
        "seedcast.admin.password=admin-secret-1",
        "seedcast.uploads.max-size=64MB",
        // tests ask fast from 127.0.0.1; the per-address limits are tested from other loopback addresses
        "seedcast.web-limits.exempt=127.0.0.1,::1",
        "seedcast.tracker.port=${seedcast.test.tracker-port}",
        "seedcast.seeder.port=${seedcast.test.seeder-port}",
        "seedcast.seeder.bind-address=127.0.0.1",
        "seedcast.seeder.threads=1",
        "server.port=${seedcast.test.port}",
        "seedcast.public-url=http://localhost:${seedcast.test.port}",
        "logging.level.org.testcontainers=OFF",
        // connections as the tests need them, not the pool's ten at start: the run's contexts share one PostgreSQL
        "spring.datasource.hikari.minimum-idle=2",
})
@Import({PostgresTestConfiguration.class, PasswordChecks.class, TestClock.class})
public @interface IntegrationTest {
}
