package org.seedcast.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.ContextConfiguration;

/**
 * The whole application as {@link IntegrationTest} runs it, but with {@code SEEDCAST_STORAGE=s3}: its media and
 * resumable uploads in the bucket {@value #BUCKET} of the run's {@link S3Proxy} (started when the first such class
 * needs it). Every class with this annotation shares one context, a second one beside the filesystem's: give none of
 * them a property, a mock or a configuration of its own. A journey that must hold on both storages is written once, in
 * an abstract class, with one subclass per annotation.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT, properties = {
        "seedcast.data-dir=" + S3IntegrationTest.DATA_DIR,
        "seedcast.admin.username=admin",
        "seedcast.admin.password=admin-secret-1",
        "seedcast.uploads.max-size=64MB",
        // S3's smallest part, so that an upload of a few megabytes spans segments
        "seedcast.uploads.segment-size=" + S3IntegrationTest.SEGMENT_SIZE,
        "seedcast.web-limits.exempt=127.0.0.1,::1",
        "seedcast.seeder.bind-address=127.0.0.1",
        "seedcast.seeder.threads=1",
        "logging.level.org.testcontainers=OFF",
        // connections as the tests need them, not the pool's ten at start: the run's contexts share one PostgreSQL
        "spring.datasource.hikari.minimum-idle=2",
        // this context also shows the graceful path without ffprobe; the filesystem's runs the machine's
        "seedcast.media-facts.ffprobe=target/no-ffprobe-here/ffprobe",
})
@ContextConfiguration(initializers = S3IntegrationTest.InBucket.class)
@Import({PostgresTestConfiguration.class, PasswordChecks.class, TestClock.class})
public @interface S3IntegrationTest {

    String DATA_DIR = "target/test-data/it-s3";
    String BUCKET = "seedcast-it";
    String SEGMENT_SIZE = "5MB";

    /**
     * Points the application at the bucket, and gives it ports known before it starts, as {@link TestRunSetup} does
     * for the filesystem's context: the public URL and the seed's port are written into torrents and magnets.
     */
    final class InBucket implements ApplicationContextInitializer<ConfigurableApplicationContext> {

        @Override
        public void initialize(ConfigurableApplicationContext context) {
            S3Proxy.bucket(BUCKET);
            int port = TestRunSetup.freePort();
            List<String> settings = new ArrayList<>(S3Proxy.settings(BUCKET));
            settings.addAll(List.of("server.port=" + port, "seedcast.public-url=http://localhost:" + port,
                    "seedcast.tracker.port=" + TestRunSetup.freePort(),
                    "seedcast.seeder.port=" + TestRunSetup.freePort()));
            TestPropertyValues.of(settings).applyTo(context);
        }
    }
}
