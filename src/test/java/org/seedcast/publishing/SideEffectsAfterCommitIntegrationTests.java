package org.seedcast.publishing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.accounts.Accounts;
import org.seedcast.accounts.SeedcastUser;
import org.seedcast.catalog.Catalog;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Studio;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.Tracker;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * What a transaction does outside the database (the tracker's access list, files on disk) happens
 * only once it commits: a rolled-back publish or delete leaves no trace there, through the whole
 * application. The tracker's side on its own (publish, withdraw, each committed or rolled back) is
 * {@code TrackerModuleTests}'.
 */
@IntegrationTest
class SideEffectsAfterCommitIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    Catalog catalog;

    @Autowired
    Tracker tracker;

    @Autowired
    Accounts accounts;

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    JdbcTemplate jdbc;

    Studio studio;
    SeedcastUser admin;

    @BeforeEach
    void setUp() {
        studio = new Studio(port);
        admin = (SeedcastUser) accounts.loadUserByUsername(Studio.ADMIN);
    }

    @Test
    void aPublishThatRollsBackLeavesTheTrackerNotTrackingTheHash() {
        String episode = studio.publishInNewShow("after-commit-publish", Media.mp4(500_000, 41));
        long id = ((Number) JsonPath.read(episode, "$.id")).longValue();
        InfoHash hash = InfoHash.fromHex(JsonPath.read(episode, "$.infoHash"));
        catalog.withdraw(id, admin);
        assertThat(tracker.tracks(hash)).as("withdrawn").isFalse();

        transactions.executeWithoutResult(tx -> {
            catalog.publish(id, null, admin);
            tx.setRollbackOnly();
        });

        assertThat(tracker.tracks(hash)).isFalse();
        assertThat(catalog.episodeFor(id, admin).isPublished()).isFalse();
    }

    @Test
    void aDeleteThatRollsBackKeepsTheFiles() {
        studio.show("after-commit-delete", "v1");
        long id = studio.upload("after-commit-delete", "Kept", Media.mp4(400_000, 43));
        String mediaId = jdbc.queryForObject("select media_id::text from episodes where id = ?", String.class, id);

        transactions.executeWithoutResult(tx -> {
            catalog.deleteEpisode(id, admin);
            tx.setRollbackOnly();
        });

        assertThat(Path.of("target/test-data/it/media", mediaId + ".media")).exists();
        assertThat(Path.of("target/test-data/it/media", mediaId + ".hashes")).exists();
        assertThat(catalog.episodeFor(id, admin).id()).isEqualTo(id);
    }
}
