package org.seedcast.traffic;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The {@code traffic_buckets} and {@code traffic_totals} tables (V13): bytes per episode per time
 * bucket, kept for the retention period, and per episode for good. Every write adds to what is
 * there, so several nodes (or a restarted one) only ever add their own growth.
 */
@Component
class TrafficStore {

    private static final int PRUNE_BATCH = 10_000;

    private static final String COLUMNS = "seed_bytes, webseed_bittorrent_bytes, webseed_plain_bytes, fan_bytes";

    /** Rows of episodes deleted meanwhile are skipped, not an error. */
    private static final String ADD_TO_BUCKET = """
            insert into traffic_buckets (episode_id, bucket_start, %s)
            select ?, ?, ?, ?, ?, ? where exists (select 1 from episodes where id = ?)
            on conflict (episode_id, bucket_start) do update set %s
            """.formatted(COLUMNS, additions("traffic_buckets"));

    private static final String ADD_TO_TOTAL = """
            insert into traffic_totals (episode_id, %s)
            select ?, ?, ?, ?, ? where exists (select 1 from episodes where id = ?)
            on conflict (episode_id) do update set %s
            """.formatted(COLUMNS, additions("traffic_totals"));

    private static final String SUMS = "coalesce(sum(seed_bytes), 0), coalesce(sum(webseed_bittorrent_bytes), 0), "
            + "coalesce(sum(webseed_plain_bytes), 0), coalesce(sum(fan_bytes), 0)";

    private final JdbcTemplate jdbc;
    private final JdbcClient client;
    private final TransactionTemplate transactions;

    TrafficStore(JdbcTemplate jdbc, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.client = JdbcClient.create(jdbc);
        this.transactions = new TransactionTemplate(transactions);
    }

    record Key(long episodeId, Instant bucket) {
    }

    /** Adds each episode's bytes to its bucket and to its total, all in one transaction. */
    void add(Map<Key, TrafficFigures> growth) {
        List<Object[]> buckets = new ArrayList<>();
        Map<Long, TrafficFigures> totals = new HashMap<>();
        growth.forEach((key, f) -> {
            buckets.add(new Object[] {key.episodeId(), Timestamp.from(key.bucket()), f.seedBytes(),
                    f.webSeedBitTorrentBytes(), f.webSeedPlainBytes(), f.fanBytes(), key.episodeId()});
            totals.merge(key.episodeId(), f, TrafficFigures::plus);
        });
        List<Object[]> totalRows = new ArrayList<>();
        totals.forEach((episode, f) -> totalRows.add(new Object[] {episode, f.seedBytes(), f.webSeedBitTorrentBytes(),
                f.webSeedPlainBytes(), f.fanBytes(), episode}));
        transactions.executeWithoutResult(status -> {
            jdbc.batchUpdate(ADD_TO_BUCKET, buckets);
            jdbc.batchUpdate(ADD_TO_TOTAL, totalRows);
        });
    }

    /** Every episode's total, added up. */
    TrafficFigures total() {
        return client.sql("select " + SUMS + " from traffic_totals").query((row, n) -> figures(row, 1)).single();
    }

    /** The totals of those episodes that have one. */
    Map<Long, TrafficFigures> totals(Collection<Long> episodeIds) {
        Map<Long, TrafficFigures> totals = new HashMap<>();
        if (!episodeIds.isEmpty()) {
            client.sql("select episode_id, " + COLUMNS + " from traffic_totals where episode_id in (:ids)")
                    .param("ids", List.copyOf(episodeIds))
                    .query((ResultSet row) -> {
                        totals.put(row.getLong(1), figures(row, 2));
                    });
        }
        return totals;
    }

    /** Buckets from {@code from} on, oldest first, added up over all episodes or over {@code episodeIds}. */
    List<TrafficBucket> history(Instant from, Collection<Long> episodeIds) {
        String only = episodeIds == null ? "" : " and episode_id in (:ids)";
        if (episodeIds != null && episodeIds.isEmpty()) {
            return List.of();
        }
        JdbcClient.StatementSpec query = client.sql("select bucket_start, " + SUMS + " from traffic_buckets"
                + " where bucket_start >= :from" + only + " group by bucket_start order by bucket_start")
                .param("from", Timestamp.from(from));
        if (episodeIds != null) {
            query = query.param("ids", List.copyOf(episodeIds));
        }
        return query.query((row, n) -> new TrafficBucket(row.getTimestamp(1).toInstant(), figures(row, 2))).list();
    }

    /** Forgets buckets older than {@code before}; the totals keep their bytes. */
    int prune(Instant before) {
        return prune(before, PRUNE_BATCH);
    }

    /**
     * Deletes in batches, each a statement of its own, so a backlog of old buckets (after a long
     * downtime, or with one-minute buckets over many episodes) never becomes one statement that
     * outlasts the database's statement timeout and fails on every run.
     */
    int prune(Instant before, int batch) {
        int total = 0;
        int deleted;
        do {
            deleted = client.sql("""
                    delete from traffic_buckets where ctid in
                        (select ctid from traffic_buckets where bucket_start < :before limit :batch)
                    """).param("before", Timestamp.from(before)).param("batch", batch).update();
            total += deleted;
        } while (deleted == batch);
        return total;
    }

    private static TrafficFigures figures(ResultSet row, int first) throws SQLException {
        return new TrafficFigures(row.getLong(first), row.getLong(first + 1), row.getLong(first + 2), row.getLong(first + 3));
    }

    private static String additions(String table) {
        StringBuilder set = new StringBuilder();
        for (String column : COLUMNS.split(", ")) {
            set.append(set.isEmpty() ? "" : ", ").append(column).append(" = ").append(table).append('.').append(column)
                    .append(" + excluded.").append(column);
        }
        return set.toString();
    }
}
