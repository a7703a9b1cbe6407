package org.seedcast.tracker.store;

import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.Cidr;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.unknown.Sighting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionOperations;

/**
 * {@link TrackerStore} over the tables of {@code db/migration/V3__tracker.sql}. A batch is written
 * in one transaction, so a batch kept for retry after a failure was not partly applied (sightings
 * add their announces). Loads read row by row and skip, with a warning, a row they cannot read
 * ({@code bans.cidr} has no CHECK, and one bad row must not drop every row after it).
 */
public final class JdbcTrackerStore implements TrackerStore {

    private static final Logger log = LoggerFactory.getLogger(JdbcTrackerStore.class);

    private final JdbcClient jdbc;
    private final TransactionOperations transactions;
    private final Runnable guardChanged;

    public JdbcTrackerStore(JdbcClient jdbc, TransactionOperations transactions) {
        this(jdbc, transactions, () -> { });
    }

    /**
     * @param guardChanged runs in the transaction of every change to blocks and bans, to tell the
     *                     other nodes once it commits
     */
    public JdbcTrackerStore(JdbcClient jdbc, TransactionOperations transactions, Runnable guardChanged) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.guardChanged = guardChanged;
    }

    @Override
    public Map<HashKey, Long> loadCompletedCounts() {
        return jdbc.sql("select info_hash, completed from swarm_stats")
                .query(readable("swarm_stats", (rs, n) -> Map.entry(key(rs.getString(1)), rs.getLong(2))))
                .list().stream().filter(Objects::nonNull)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, Math::max));
    }

    @Override
    public List<Block> loadBlocks() {
        return jdbc.sql("select info_hash, reason from blocked_torrents")
                .query(readable("blocked_torrents", (rs, n) -> new Block(key(rs.getString(1)), rs.getString(2))))
                .list().stream().filter(Objects::nonNull).toList();
    }

    @Override
    public List<Bans.Ban> loadBans() {
        return jdbc.sql("select cidr, reason, created_at, expires_at from bans"
                        + " where expires_at is null or expires_at > now() order by created_at")
                .query(readable("bans", (rs, n) -> new Bans.Ban(Cidr.parse(rs.getString(1)), rs.getString(2),
                        rs.getTimestamp(3).toInstant(), rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant())))
                .list().stream().filter(Objects::nonNull).toList();
    }

    @Override
    public List<Sighting> loadUnknownTorrents(int limit) {
        return jdbc.sql("select info_hash, first_seen, last_seen, announces, distinct_sources, top_sources, clients"
                        + " from unknown_torrents order by announces desc limit :limit")
                .param("limit", limit)
                .query(readable("unknown_torrents", (rs, n) -> new Sighting(key(rs.getString(1)),
                        rs.getTimestamp(2).getTime(), rs.getTimestamp(3).getTime(), rs.getLong(4), 0, rs.getLong(5),
                        counts(rs.getString(6)), counts(rs.getString(7)))))
                .list().stream().filter(Objects::nonNull).toList();
    }

    /** The row, or {@code null} (logged) when its values do not parse. */
    private static <T> RowMapper<T> readable(String table, RowMapper<T> mapper) {
        return (rs, n) -> {
            try {
                return mapper.mapRow(rs, n);
            } catch (IllegalArgumentException e) {
                log.warn("skipping an unreadable row of {} ('{}'): {}", table, rs.getString(1), e.getMessage());
                return null;
            }
        };
    }

    @Override
    public void saveCompletedCounts(Map<HashKey, Long> completed) {
        transactions.executeWithoutResult(status -> completed.forEach((key, count) -> jdbc.sql("""
                        insert into swarm_stats (info_hash, completed, updated_at) values (:hash, :completed, now())
                        on conflict (info_hash) do update
                        set completed = swarm_stats.completed + excluded.completed, updated_at = now()""")
                .param("hash", hex(key)).param("completed", count).update()));
    }

    @Override
    public void saveUnknownTorrents(List<Sighting> batch) {
        transactions.executeWithoutResult(status -> batch.forEach(this::saveUnknownTorrent));
    }

    private void saveUnknownTorrent(Sighting s) {
        jdbc.sql("""
                insert into unknown_torrents
                  (info_hash, first_seen, last_seen, announces, distinct_sources, top_sources, clients)
                values (:hash, :first, :last, :announces, :distinct, :sources, :clients)
                on conflict (info_hash) do update set
                  first_seen = least(unknown_torrents.first_seen, excluded.first_seen),
                  last_seen = greatest(unknown_torrents.last_seen, excluded.last_seen),
                  announces = unknown_torrents.announces + excluded.announces,
                  distinct_sources = greatest(unknown_torrents.distinct_sources, excluded.distinct_sources),
                  top_sources = excluded.top_sources,
                  clients = excluded.clients""")
                .param("hash", hex(s.infoHash()))
                .param("first", Timestamp.from(Instant.ofEpochMilli(s.firstSeenMillis())))
                .param("last", Timestamp.from(Instant.ofEpochMilli(s.lastSeenMillis())))
                .param("announces", s.newAnnounces())
                .param("distinct", s.distinctSources())
                .param("sources", text(s.sources()))
                .param("clients", text(s.clients()))
                .update();
    }

    @Override
    public void saveBlock(Block block) {
        changeGuard(() -> jdbc.sql("""
                insert into blocked_torrents (info_hash, reason) values (:hash, :reason)
                on conflict (info_hash) do update set reason = excluded.reason""")
                .param("hash", hex(block.infoHash())).param("reason", block.reason()).update());
    }

    @Override
    public void deleteBlock(HashKey infoHash) {
        changeGuard(() -> jdbc.sql("delete from blocked_torrents where info_hash = :hash")
                .param("hash", hex(infoHash)).update());
    }

    @Override
    public void saveBan(Bans.Ban ban) {
        changeGuard(() -> jdbc.sql("""
                insert into bans (cidr, reason, created_at, expires_at) values (:cidr, :reason, :at, :until)
                on conflict (cidr) do update set reason = excluded.reason, expires_at = excluded.expires_at""")
                .param("cidr", ban.cidr().text()).param("reason", ban.reason())
                .param("at", Timestamp.from(ban.since()))
                .param("until", ban.until() == null ? null : Timestamp.from(ban.until()), Types.TIMESTAMP)
                .update());
    }

    @Override
    public void deleteBan(Cidr cidr) {
        changeGuard(() -> jdbc.sql("delete from bans where cidr = :cidr").param("cidr", cidr.text()).update());
    }

    /** A change to blocks or bans and the word to the other nodes commit together, or neither does. */
    private void changeGuard(Runnable change) {
        transactions.executeWithoutResult(status -> {
            change.run();
            guardChanged.run();
        });
    }

    /** {@code name=count} pairs, comma-separated: small, readable, and needs no JSON column type. */
    private static String text(List<Sighting.Count> counts) {
        return counts.stream().map(c -> c.name() + "=" + c.count()).collect(Collectors.joining(","));
    }

    /** What {@link #text} wrote; a pair that does not read back (a client prefix with a comma) is left out. */
    private static List<Sighting.Count> counts(String text) {
        List<Sighting.Count> counts = new ArrayList<>();
        for (String pair : text.split(",")) {
            int equals = pair.lastIndexOf('=');
            if (equals > 0) {
                try {
                    counts.add(new Sighting.Count(pair.substring(0, equals), Long.parseLong(pair.substring(equals + 1))));
                } catch (NumberFormatException unreadable) {
                    // left out: the list is a hint for the admins, not a record
                }
            }
        }
        return counts;
    }

    private static String hex(HashKey key) {
        return key.toString();
    }

    private static HashKey key(String hex) {
        return HashKey.of(InfoHash.fromHex(hex.strip()));
    }
}
