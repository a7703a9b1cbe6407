package org.seedcast.tracker.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.seedcast.tracker.engine.TrackerMetrics.Kind;
import org.seedcast.tracker.engine.TrackerMetrics.Outcome;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.store.TrackerStore;
import org.seedcast.tracker.swarm.SwarmStore;
import org.seedcast.tracker.unknown.Sighting;
import org.seedcast.tracker.unknown.UnknownTorrents;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tracker's one background thread: every sweep period it expires peers and closes a minute of
 * history; every flush period it writes completed counts, unknown-torrent sightings and queued
 * admin changes to the store. A failed write keeps its batch for the next round, so the tracker
 * answers on while the database is down and catches up when it returns.
 */
public final class Housekeeper {

    private static final Logger log = LoggerFactory.getLogger(Housekeeper.class);

    private final SwarmStore swarms;
    private final UnknownTorrents unknown;
    private final TrackerStore store;
    private final TrackerMetrics metrics;
    private final TrafficHistory history;
    private final Clock clock;
    private final ConcurrentLinkedQueue<Consumer<TrackerStore>> writes = new ConcurrentLinkedQueue<>();
    /** Held while an admin change is made in memory and queued, and while the store's copy replaces memory's. */
    private final Object changes = new Object();
    private ScheduledExecutorService executor;
    private long lastAnnounces, lastScrapes, lastRefusals, lastRateLimited;
    private boolean storeFailing;

    public Housekeeper(SwarmStore swarms, UnknownTorrents unknown, TrackerStore store,
                       TrackerMetrics metrics, TrafficHistory history, Clock clock) {
        this.swarms = swarms;
        this.unknown = unknown;
        this.store = store;
        this.metrics = metrics;
        this.history = history;
        this.clock = clock;
    }

    public synchronized void start(Duration sweepEvery, Duration flushEvery) {
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seedcast-tracker-housekeeper");
            t.setDaemon(true);
            return t;
        });
        executor.scheduleWithFixedDelay(this::safeSweep, sweepEvery.toMillis(), sweepEvery.toMillis(), TimeUnit.MILLISECONDS);
        executor.scheduleWithFixedDelay(this::flush, flushEvery.toMillis(), flushEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Stops the thread after a last flush. */
    public synchronized void stop() {
        if (executor == null) {
            return;
        }
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        executor = null;
        flush();
    }

    /**
     * Makes an admin change (ban, block) in memory and queues its write, as one step that a
     * {@link #reload} cannot fall between.
     */
    public void change(Runnable inMemory, Consumer<TrackerStore> write) {
        change(() -> {
            inMemory.run();
            return null;
        }, write);
    }

    /** The same for a change that answers something, such as whether there was anything to lift. */
    public <T> T change(Supplier<T> inMemory, Consumer<TrackerStore> write) {
        synchronized (changes) {
            T answer = inMemory.get();
            persist(write);
            return answer;
        }
    }

    /**
     * Writes this node's queued admin changes, then runs {@code readAndReplace} (the store's blocks and
     * bans replace memory's, after another node changed them) unless a change is still unwritten. The
     * store would then be behind this node's memory and the replacement would undo that change until
     * its write lands; instead that write's own notification reloads again once it is stored.
     */
    public void reload(Runnable readAndReplace) {
        flush();
        synchronized (changes) {
            if (writes.isEmpty()) {
                readAndReplace.run();
            }
        }
    }

    /** Queues an admin change (ban, block) to be persisted in order. */
    private void persist(Consumer<TrackerStore> write) {
        writes.add(write);
        ScheduledExecutorService e = executor;
        if (e != null) {
            try {
                e.execute(this::flush);
            } catch (RejectedExecutionException stopping) {
                // stop() flushes once more after the thread ends
            }
        }
    }

    private void safeSweep() {
        try {
            sweep();
        } catch (RuntimeException e) {
            log.warn("tracker sweep failed", e);
        }
    }

    /** Expires peers and records the minute just closed. */
    public void sweep() {
        swarms.sweep();
        Instant minute = Instant.now(clock).truncatedTo(ChronoUnit.MINUTES);
        swarms.sampleMinute((int) (minute.getEpochSecond() / 60));
        long announces = metrics.total(Kind.ANNOUNCE);
        long scrapes = metrics.total(Kind.SCRAPE);
        long refusals = metrics.total(Outcome.UNKNOWN) + metrics.total(Outcome.BLOCKED);
        long rateLimited = metrics.total(Outcome.RATE_LIMITED);
        history.add(new TrafficHistory.Sample(minute,
                announces - lastAnnounces, scrapes - lastScrapes, refusals - lastRefusals,
                rateLimited - lastRateLimited, swarms.swarms(), swarms.seeders(), swarms.leechers(),
                unknown.size()));
        lastAnnounces = announces;
        lastScrapes = scrapes;
        lastRefusals = refusals;
        lastRateLimited = rateLimited;
    }

    /** Writes what changed; on failure keeps it all for the next round. */
    public synchronized void flush() {
        try {
            for (Consumer<TrackerStore> write; (write = writes.peek()) != null; writes.poll()) {
                write.accept(store);
            }
            Map<HashKey, Long> completed = swarms.unflushedCompleted();
            if (!completed.isEmpty()) {
                store.saveCompletedCounts(completed);
                swarms.markFlushed(completed);
            }
            List<Sighting> sightings = unknown.unflushed();
            if (!sightings.isEmpty()) {
                store.saveUnknownTorrents(sightings);
                unknown.markFlushed(sightings);
            }
            if (storeFailing) {
                log.info("tracker store reachable again; pending writes flushed");
                storeFailing = false;
            }
        } catch (RuntimeException e) {
            if (!storeFailing) {
                log.warn("tracker store unavailable, keeping changes in memory and retrying: {}", e.toString());
                storeFailing = true;
            }
        }
    }
}
