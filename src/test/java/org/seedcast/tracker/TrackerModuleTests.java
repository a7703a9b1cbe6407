package org.seedcast.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.seedcast.node.NodeProperties;
import org.seedcast.node.NodeRole;
import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.publishing.TorrentWithdrawn;
import org.seedcast.publishing.TrackerAddress;
import org.seedcast.storage.StorageProperties;
import org.seedcast.support.PostgresTestConfiguration;
import org.seedcast.torrent.InfoHash;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.modulith.test.ApplicationModuleTest;
import org.springframework.modulith.test.Scenario;
import org.springframework.test.context.TestPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The tracker module alone (Spring Modulith bootstraps only its package, on a database of its own in the run's one
 * PostgreSQL, listeners off) receiving publishing's events: it tracks a torrent once the transaction that published
 * it commits, and forgets it once a withdrawal commits; a transaction that rolls back changes nothing. Publishing is
 * a mock: it lists no torrents at start. The settings the tracker reads from other modules (publishing's host and
 * port for announce URLs, storage's data directory) are given here, as those modules are not started. The module's
 * dependencies are not verified again here: {@code ModularityTests} verifies every module's.
 */
@ApplicationModuleTest(verifyAutomatically = false)
@Import({PostgresTestConfiguration.class, TrackerModuleTests.OtherModulesSettings.class})
@TestPropertySource(properties = {"seedcast.tracker.enabled=false",
        // the tracker keeps its state with plain JDBC: no JPA to start
        "spring.autoconfigure.exclude=org.springframework.boot.hibernate.autoconfigure.HibernateJpaAutoConfiguration,"
                + "org.springframework.boot.data.jpa.autoconfigure.DataJpaRepositoriesAutoConfiguration"})
class TrackerModuleTests {

    private static final InfoHash V1 = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    private static final InfoHash V2_TRUNCATED = InfoHash.fromHex("89abcdef0123456789abcdef0123456789abcdef");

    @MockitoBean
    Publishing publishing;

    @Autowired
    Tracker tracker;

    @Autowired
    ApplicationEventPublisher events;

    @Autowired
    TransactionTemplate transactions;

    @Test
    void aPublishedTorrentIsTrackedByBothHashesOnceItsTransactionCommits(Scenario scenario) {
        scenario.publish(new TorrentPublished(1, V1, V2_TRUNCATED, 1000))
                .andWaitForStateChange(() -> tracker.tracks(V1) && tracker.tracks(V2_TRUNCATED), tracked -> tracked)
                .andVerify(tracked -> assertThat(tracked).isTrue());

        scenario.publish(new TorrentWithdrawn(1, V1, V2_TRUNCATED))
                .andWaitForStateChange(() -> tracker.tracks(V1) || tracker.tracks(V2_TRUNCATED), tracked -> !tracked)
                .andVerify(tracked -> assertThat(tracked).isFalse());
    }

    @Test
    void aPublishOrAWithdrawalThatRollsBackChangesNothing() {
        InfoHash hash = InfoHash.fromHex("fedcba9876543210fedcba9876543210fedcba98");
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(new TorrentPublished(2, hash, null));
            tx.setRollbackOnly();
        });
        assertThat(tracker.tracks(hash)).as("after a rolled-back publish").isFalse();

        events.publishEvent(new TorrentPublished(2, hash, null)); // outside a transaction: at once
        assertThat(tracker.tracks(hash)).isTrue();
        transactions.executeWithoutResult(tx -> {
            events.publishEvent(new TorrentWithdrawn(2, hash, null));
            tx.setRollbackOnly();
        });
        assertThat(tracker.tracks(hash)).as("after a rolled-back withdrawal").isTrue();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class OtherModulesSettings {

        @Bean
        TrackerAddress trackerAddress() {
            return new TrackerAddress(null, 6969);
        }

        @Bean
        NodeProperties node() {
            return new NodeProperties(EnumSet.allOf(NodeRole.class), null);
        }

        @Bean
        StorageProperties storage() {
            return new StorageProperties(Path.of("target/test-data/tracker-module"), null);
        }
    }
}
