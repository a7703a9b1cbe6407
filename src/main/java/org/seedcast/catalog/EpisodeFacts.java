package org.seedcast.catalog;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.annotation.PreDestroy;

import org.seedcast.node.ConditionalOnRole;
import org.seedcast.node.NodeRole;
import org.seedcast.node.ThreadPriorities;
import org.seedcast.scheduling.ClusterLock;
import org.seedcast.storage.MediaProbe;
import org.seedcast.storage.MediaStore;
import org.seedcast.storage.ProbedMedia;
import org.seedcast.storage.StorageProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Reads an episode's media facts (ffprobe) and poster frame (ffmpeg) in the background once its upload has
 * committed, so neither the upload's answer nor publishing ever waits for them: one worker thread and a bounded
 * queue, each run a child process with a time limit ({@link MediaProbe}). A read that failed for a passing reason
 * (the bucket out of reach) is tried again a few times, waiting longer each time, before the file is marked
 * unreadable; a file that holds no media, or keeps ffprobe busy past its time, is marked at once. Uploads that
 * found the queue full are read once it drains: the worker then looks up the episodes still pending in the
 * database, a queue's worth at a time, until none is left. Episodes whose facts were never read (uploaded before
 * ffprobe was installed, or left pending by a stop) are read once at start, one at a time between uploads, by one
 * web node ({@link ClusterLock}). Every way in goes through one queue and skips media already on its way (queued,
 * being read or waiting for a retry), so that no file is read twice by this node and none is left behind.
 */
@Component
@ConditionalOnRole(NodeRole.WEB)
class EpisodeFacts {

    /** An episode got its media: read its facts once the transaction commits. */
    record MediaArrived(long episodeId, UUID mediaId) {
    }

    /** Reads a stored file's facts: the probe, or in a test one that fails first. */
    interface Reader {
        ProbedMedia read(UUID mediaId) throws MediaProbe.UnreadableMediaException;
    }

    static final String BACKFILL = "catalog.media-facts-backfill";
    /** Reads waiting for the worker; past it an upload waits in the database until the queue drains. */
    static final int QUEUE = 1_000;
    /** Episodes the backfill reads per start, newest first: bounds a start's work on a large catalog. */
    private static final int BACKFILL_MAX = 5_000;

    private static final Logger log = LoggerFactory.getLogger(EpisodeFacts.class);

    private final MediaProbe probe;
    private final Reader reader;
    private final StorageProperties.MediaFacts settings;
    private final int queue;
    private final MediaStore mediaStore;
    private final EpisodeRepository episodes;
    private final TransactionTemplate transactions;
    private final ClusterLock cluster;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    final ThreadPoolExecutor worker;
    private final ScheduledExecutorService retries = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("media-facts-retry").priority(ThreadPriorities.YIELDING).daemon().factory());
    /** Set when an upload found the queue full: the worker then looks for pending episodes once it drains. */
    private final AtomicBoolean overflowed = new AtomicBoolean();
    /** The media this node has queued, is reading or will read again: a second way in skips them. */
    private final Set<UUID> underway = ConcurrentHashMap.newKeySet();
    private volatile Thread backfill;

    @Autowired
    EpisodeFacts(MediaProbe probe, StorageProperties properties, MediaStore mediaStore, EpisodeRepository episodes,
                 TransactionTemplate transactions, ClusterLock cluster, ApplicationEventPublisher events, Clock clock) {
        this(probe, probe::probe, properties.mediaFacts(), QUEUE, mediaStore, episodes, transactions, cluster, events,
                clock);
    }

    EpisodeFacts(MediaProbe probe, Reader reader, StorageProperties.MediaFacts settings, int queue,
                 MediaStore mediaStore, EpisodeRepository episodes, TransactionTemplate transactions,
                 ClusterLock cluster, ApplicationEventPublisher events, Clock clock) {
        this.probe = probe;
        this.reader = reader;
        this.settings = settings;
        this.queue = queue;
        this.mediaStore = mediaStore;
        this.episodes = episodes;
        this.transactions = transactions;
        this.cluster = cluster;
        this.events = events;
        this.clock = clock;
        this.worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(queue),
                Thread.ofPlatform().name("media-facts").priority(ThreadPriorities.YIELDING).daemon().factory());
    }

    @TransactionalEventListener
    void on(MediaArrived arrived) {
        enqueue(arrived.episodeId(), arrived.mediaId(), 0);
    }

    @EventListener(ApplicationReadyEvent.class)
    void startBackfill() {
        if (probe.available()) {
            backfill = Thread.ofPlatform().name("media-facts-backfill").priority(ThreadPriorities.YIELDING).daemon()
                    .start(() -> cluster.runAlone(BACKFILL, this::backfill));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        Thread running = backfill;
        if (running != null) {
            running.interrupt();
        }
        retries.shutdownNow();
        worker.shutdownNow();
        worker.awaitTermination(10, TimeUnit.SECONDS);
    }

    /** Reads the facts of every episode that lacks them, each through the worker so uploads take turns with it. */
    void backfill() {
        List<Episode> missing = episodes.findWithoutFacts(PageRequest.of(0, BACKFILL_MAX));
        if (missing.isEmpty()) {
            return;
        }
        log.info("Reading the media facts of {} episode(s) that lack them", missing.size());
        int read = 0;
        for (Episode episode : missing) {
            if (!underway.add(episode.getMediaId())) {
                continue; // an upload or a pick-up queued it meanwhile
            }
            try {
                worker.submit(task(episode.getId(), episode.getMediaId(), 0)).get();
                read++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException e) {
                log.warn("Could not read the media facts of episode {}: {}", episode.getId(), e.toString());
            } catch (RejectedExecutionException e) {
                underway.remove(episode.getMediaId());
                if (!worker.isShutdown()) {
                    log.info("Uploads fill the media facts queue: the episodes still pending are read once it drains");
                    overflowed(episode.getId());
                }
                break;
            }
        }
        log.info("Read the media facts of {} of {} episode(s)", read, missing.size());
    }

    /**
     * Queues a read unless its media is already on its way (a first attempt only: a retry is the same read);
     * when the queue is full, the episode stays pending and is looked up once it drains.
     */
    private void enqueue(long episodeId, UUID mediaId, int attempt) {
        if (attempt == 0 && !underway.add(mediaId)) {
            return;
        }
        try {
            worker.execute(task(episodeId, mediaId, attempt));
        } catch (RejectedExecutionException e) {
            underway.remove(mediaId);
            if (!worker.isShutdown()) {
                overflowed(episodeId);
            }
        }
    }

    /** A read as the worker runs it: its media stays underway while a retry waits; then the overflow's turn. */
    private Runnable task(long episodeId, UUID mediaId, int attempt) {
        return () -> {
            boolean retrying = false;
            try {
                retrying = read(episodeId, mediaId, attempt);
            } finally {
                if (!retrying) {
                    underway.remove(mediaId);
                }
                pickUpOverflow();
            }
        };
    }

    /**
     * Flags the overflow for the task that empties the queue; when the queue emptied meanwhile (its last task
     * looked before the flag was set), queues the pick-up itself, so the flag never waits for the next upload.
     */
    private void overflowed(long episodeId) {
        if (overflowed.compareAndSet(false, true)) {
            log.warn("Episode {} waits for its media facts until the {} reads queued before it are done", episodeId,
                    queue);
        }
        if (worker.getQueue().isEmpty()) {
            try {
                worker.execute(this::pickUpOverflow);
            } catch (RejectedExecutionException e) {
                // full again: its tasks pick up once it drains
            }
        }
    }

    /**
     * Once the queue drained after it overflowed, queues the episodes still pending that are not on their way
     * already, at most a queue's worth; when more may be left, it looks again once those are read.
     */
    private void pickUpOverflow() {
        if (!worker.getQueue().isEmpty() || !overflowed.compareAndSet(true, false)) {
            return;
        }
        try {
            List<Episode> pending = episodes.findWithoutFacts(PageRequest.of(0, queue + underway.size())).stream()
                    .filter(episode -> !underway.contains(episode.getMediaId())).limit(queue).toList();
            log.info("Queueing the media facts of {} episode(s) that found the queue full", pending.size());
            pending.forEach(episode -> enqueue(episode.getId(), episode.getMediaId(), 0));
            if (pending.size() == queue) {
                overflowed.set(true);
            }
        } catch (RuntimeException e) {
            overflowed.set(true);
            log.warn("Could not look up the episodes waiting for their media facts: {}", e.toString());
        }
    }

    /**
     * Reads one episode's media and keeps what was read with it, unless its media changed meanwhile; a read cut
     * short by a stop keeps nothing, so the episode stays pending for the next start, and so does one that failed
     * for a passing reason while it has retries left.
     *
     * @return whether a retry of it was scheduled
     */
    boolean read(long episodeId, UUID mediaId, int attempt) {
        MediaFacts facts;
        UUID poster = null;
        try {
            ProbedMedia read = reader.read(mediaId);
            poster = read.poster() == null ? null : read.poster().id();
            facts = new MediaFacts(MediaFacts.State.KNOWN, read.durationSeconds() == null ? null
                    : Math.round(read.durationSeconds() * 1000), read.width(), read.height(), read.container(),
                    read.videoCodec(), read.audioCodec(), poster, null);
        } catch (MediaProbe.UnreadableMediaException e) {
            if (e.passing() && retried(episodeId, mediaId, attempt, e.getMessage())) {
                return true;
            }
            facts = unreadable(e.getMessage());
        } catch (RuntimeException e) {
            if (retried(episodeId, mediaId, attempt, e.toString())) {
                return true;
            }
            log.warn("Reading the media facts of episode {} failed", episodeId, e);
            facts = unreadable("the file could not be read (" + e.getClass().getSimpleName() + ")");
        }
        boolean kept = false;
        if (!Thread.currentThread().isInterrupted()) {
            try {
                kept = keep(episodeId, mediaId, facts);
            } catch (RuntimeException e) {
                log.warn("Could not keep the media facts of episode {}; it stays pending until the next start: {}",
                        episodeId, e.toString());
            }
        }
        if (!kept && poster != null) {
            mediaStore.delete(poster);
        }
        return false;
    }

    /** Schedules the read again after a wait that doubles each time; false once the retries are used up. */
    private boolean retried(long episodeId, UUID mediaId, int attempt, String problem) {
        if (attempt >= settings.retries()) {
            return false;
        }
        Duration wait = settings.retryBackoff().multipliedBy(1L << Math.min(attempt, 20));
        log.info("Reading the media facts of episode {} failed ({}); trying again in {}", episodeId, problem, wait);
        try {
            retries.schedule(() -> enqueue(episodeId, mediaId, attempt + 1), wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            // stopping: stays pending for the next start
        }
        return true;
    }

    private boolean keep(long episodeId, UUID mediaId, MediaFacts facts) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            UUID replaced = episodes.findPosterId(episodeId);
            if (episodes.recordFacts(episodeId, mediaId, facts, clock.instant()) == 0) {
                return false; // deleted, given other media, or read by another reading meanwhile
            }
            if (replaced != null && !replaced.equals(facts.posterId())) {
                mediaStore.deleteAfterCommit(replaced);
            }
            episodes.findById(episodeId).ifPresent(e -> events.publishEvent(new CatalogChanged(e.getShowId(), episodeId)));
            return true;
        }));
    }

    private static MediaFacts unreadable(String problem) {
        return new MediaFacts(MediaFacts.State.UNREADABLE, null, null, null, null, null, null, null,
                problem.length() > 500 ? problem.substring(0, 500) : problem);
    }
}
