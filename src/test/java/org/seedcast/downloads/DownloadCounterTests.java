package org.seedcast.downloads;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.sql.Connection;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.seedcast.catalog.DownloadCounts;
import org.seedcast.publishing.TorrentDownloaded;
import org.seedcast.storage.MediaDownloaded;
import org.seedcast.support.TestPostgres;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The counter against a real PostgreSQL with the migrations applied. A flush is held in the middle, between taking
 * the counts out of memory and its write's commit, by a row lock the test keeps in a transaction of its own.
 */
class DownloadCounterTests {

    private static DataSource database;
    private static JdbcTemplate jdbc;

    @BeforeAll
    static void start() {
        assumeFalse("root".equals(System.getProperty("user.name")), "PostgreSQL does not run as root");
        database = TestPostgres.createDatabase("download_counter");
        Flyway.configure().dataSource(database).locations("classpath:db/migration").load().migrate();
        jdbc = new JdbcTemplate(database);
    }

    @Test
    void aReadDuringAFlushSeesEveryCountNotTheStoredOnesAlone() throws Exception {
        long episode = episode();
        DownloadCounter counter = new DownloadCounter(jdbc);
        counter.on(new MediaDownloaded(episode));
        counter.flush();
        counter.on(new MediaDownloaded(episode));
        counter.on(new TorrentDownloaded(episode));
        assertThat(counter.forEpisode(episode)).isEqualTo(new DownloadCounts.Counts(2, 1));

        try (Connection holder = database.getConnection()) {
            holder.setAutoCommit(false);
            holder.createStatement().execute("select * from download_counts where episode_id = " + episode + " for update");
            CompletableFuture<Void> flush = CompletableFuture.runAsync(counter::flush);
            await("the flush waiting on the row").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
                    .until(() -> jdbc.queryForObject("select count(*) from pg_stat_activity where wait_event_type = 'Lock'"
                            + " and query like 'insert into download_counts%'", Integer.class) > 0);

            FutureTask<DownloadCounts.Counts> read = new FutureTask<>(() -> counter.forEpisode(episode));
            Thread reader = Thread.ofPlatform().start(read);
            // the read either answered from the table and memory as they are mid-flush, or is parked waiting for the
            // flush (a query in progress would be RUNNABLE, a wait for a pooled connection TIMED_WAITING)
            await("the read answered or waiting for the flush").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(20))
                    .until(() -> read.isDone() || reader.getState() == Thread.State.WAITING);
            holder.commit();

            assertThat(read.get()).as("read while the flush wrote").isEqualTo(new DownloadCounts.Counts(2, 1));
            flush.get();
        }
        assertThat(counter.forEpisode(episode)).as("after the flush").isEqualTo(new DownloadCounts.Counts(2, 1));
        assertThat(jdbc.queryForObject("select direct + torrent from download_counts where episode_id = ?", Long.class,
                episode)).as("all stored").isEqualTo(3);
    }

    private static long episode() {
        long show = jdbc.queryForObject("insert into shows (slug, title) values (?, 'Counted') returning id", Long.class,
                "counted-" + UUID.randomUUID().toString().substring(0, 8));
        return jdbc.queryForObject(
                "insert into episodes (show_id, guid, title, status) values (?, ?, 'Counted', 'DRAFT') returning id",
                Long.class, show, UUID.randomUUID());
    }
}
