package org.seedcast.downloads;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

import jakarta.annotation.PreDestroy;
import org.seedcast.catalog.DownloadCounts;
import org.seedcast.publishing.TorrentDownloaded;
import org.seedcast.storage.MediaDownloaded;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Counts downloads without touching the database on the request path: a request adds one to a
 * {@link LongAdder} (no lock, no I/O), and {@link #flush()} moves what accumulated into
 * {@code download_counts} with one batched upsert per interval and once more at shutdown.
 * A failed flush puts its counts back, so they go out with the next one. The interval is
 * {@code seedcast.downloads.flush-interval} ({@link DownloadsProperties}).
 * <p>
 * A reader (stored plus pending) never runs during a flush: between taking the counts out of memory and
 * its write's commit they are in neither place, and a page read then showed fewer downloads than before.
 * Only readers wait for a flush's one statement; a download's count never does.
 */
@Component
class DownloadCounter implements DownloadCounts {

    private static final Logger log = LoggerFactory.getLogger(DownloadCounter.class);

    /** Adds to the stored counts; rows of episodes deleted meanwhile are skipped, not an error. */
    private static final String UPSERT = """
            insert into download_counts (episode_id, direct, torrent)
            select ?, ?, ? where exists (select 1 from episodes where id = ?)
            on conflict (episode_id) do update
            set direct = download_counts.direct + excluded.direct, torrent = download_counts.torrent + excluded.torrent
            """;

    private final JdbcTemplate jdbc;
    private final Map<Long, LongAdder> direct = new ConcurrentHashMap<>();
    private final Map<Long, LongAdder> torrent = new ConcurrentHashMap<>();
    private final ReadWriteLock flushing = new ReentrantReadWriteLock();

    DownloadCounter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @EventListener
    void on(MediaDownloaded download) {
        direct.computeIfAbsent(download.episodeId(), id -> new LongAdder()).increment();
    }

    @EventListener
    void on(TorrentDownloaded download) {
        torrent.computeIfAbsent(download.episodeId(), id -> new LongAdder()).increment();
    }

    /** Stored counts plus those not flushed yet. */
    @Override
    public Counts forEpisode(long episodeId) {
        return forEpisodes(List.of(episodeId)).get(episodeId);
    }

    /** Stored counts plus those not flushed yet, in one query; every episode asked for is in the map. */
    @Override
    public Map<Long, Counts> forEpisodes(Collection<Long> episodeIds) {
        if (episodeIds.isEmpty()) {
            return new HashMap<>();
        }
        flushing.readLock().lock();
        try {
            return storedPlusPending(episodeIds);
        } finally {
            flushing.readLock().unlock();
        }
    }

    private Map<Long, Counts> storedPlusPending(Collection<Long> episodeIds) {
        Map<Long, Counts> stored = new HashMap<>();
        jdbc.query("select episode_id, direct, torrent from download_counts where episode_id in ("
                        + String.join(",", Collections.nCopies(episodeIds.size(), "?")) + ")",
                row -> {
                    stored.put(row.getLong(1), new Counts(row.getLong(2), row.getLong(3)));
                }, episodeIds.toArray());
        Map<Long, Counts> counts = new HashMap<>();
        for (long id : episodeIds) {
            Counts base = stored.getOrDefault(id, Counts.NONE);
            counts.put(id, new Counts(base.direct() + pending(direct, id), base.torrent() + pending(torrent, id)));
        }
        return counts;
    }

    @PreDestroy
    void flush() {
        flushing.writeLock().lock();
        try {
            write(drain());
        } finally {
            flushing.writeLock().unlock();
        }
    }

    private void write(List<Object[]> batch) {
        if (batch.isEmpty()) {
            return;
        }
        try {
            jdbc.batchUpdate(UPSERT, batch);
        } catch (RuntimeException e) {
            log.warn("Could not store {} download counts; keeping them for the next flush: {}", batch.size(), e.toString());
            batch.forEach(row -> {
                long id = (Long) row[0];
                direct.computeIfAbsent(id, k -> new LongAdder()).add((Long) row[1]);
                torrent.computeIfAbsent(id, k -> new LongAdder()).add((Long) row[2]);
            });
        }
    }

    /** Takes every pending count, leaving zero adders behind (an increment racing with this lands in one or the other). */
    private List<Object[]> drain() {
        List<Object[]> batch = new ArrayList<>();
        Set<Long> ids = new HashSet<>(direct.keySet());
        ids.addAll(torrent.keySet());
        for (Long id : ids) {
            long d = take(direct, id);
            long t = take(torrent, id);
            if (d != 0 || t != 0) {
                batch.add(new Object[] {id, d, t, id});
            }
        }
        return batch;
    }

    private static long take(Map<Long, LongAdder> counts, long id) {
        LongAdder adder = counts.get(id);
        return adder == null ? 0 : adder.sumThenReset();
    }

    private static long pending(Map<Long, LongAdder> counts, long id) {
        LongAdder adder = counts.get(id);
        return adder == null ? 0 : adder.sum();
    }
}
