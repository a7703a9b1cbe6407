package org.seedcast.catalog;

import java.time.Clock;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.seedcast.node.ConditionalOnRole;
import org.seedcast.node.NodeRole;
import org.seedcast.scheduling.ClusterLock;
import org.seedcast.storage.MediaProbe;
import org.seedcast.storage.MediaStore;
import org.seedcast.storage.ProbedMedia;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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
 * queue, each run a child process with a time limit ({@link MediaProbe}). Episodes whose facts were never read
 * (uploaded before ffprobe was installed, or left pending by a stop) are read once at start, one at a time
 * between uploads, by one web node ({@link ClusterLock}).
 */
@Component
@ConditionalOnRole(NodeRole.WEB)
class EpisodeFacts {

    /** An episode got its media: read its facts once the transaction commits. */
    record MediaArrived(long episodeId, UUID mediaId) {
    }

    static final String BACKFILL = "catalog.media-facts-backfill";
    /** Uploads waiting for their facts; past it an upload's facts wait for the next start's backfill. */
    private static final int QUEUE = 1_000;
    /** Episodes the backfill reads per start, newest first: bounds a start's work on a large catalog. */
    private static final int BACKFILL_MAX = 5_000;

    private static final Logger log = LoggerFactory.getLogger(EpisodeFacts.class);

    private final MediaProbe probe;
    private final MediaStore mediaStore;
    private final EpisodeRepository episodes;
    private final TransactionTemplate transactions;
    private final ClusterLock cluster;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final ThreadPoolExecutor worker = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS,
            new ArrayBlockingQueue<>(QUEUE), Thread.ofPlatform().name("media-facts").daemon().factory());
    private volatile Thread backfill;

    EpisodeFacts(MediaProbe probe, MediaStore mediaStore, EpisodeRepository episodes, TransactionTemplate transactions,
                 ClusterLock cluster, ApplicationEventPublisher events, Clock clock) {
        this.probe = probe;
        this.mediaStore = mediaStore;
        this.episodes = episodes;
        this.transactions = transactions;
        this.cluster = cluster;
        this.events = events;
        this.clock = clock;
    }

    @TransactionalEventListener
    void on(MediaArrived arrived) {
        try {
            worker.execute(() -> read(arrived.episodeId(), arrived.mediaId()));
        } catch (RejectedExecutionException e) {
            log.warn("Episode {} waits for its media facts until the next start: {} reads are queued already",
                    arrived.episodeId(), QUEUE);
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    void startBackfill() {
        if (probe.available()) {
            backfill = Thread.ofPlatform().name("media-facts-backfill").daemon()
                    .start(() -> cluster.runAlone(BACKFILL, this::backfill));
        }
    }

    @PreDestroy
    void stop() throws InterruptedException {
        Thread running = backfill;
        if (running != null) {
            running.interrupt();
        }
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
            try {
                worker.submit(() -> read(episode.getId(), episode.getMediaId())).get();
                read++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (ExecutionException | RejectedExecutionException e) {
                log.warn("Could not read the media facts of episode {}: {}", episode.getId(), e.toString());
            }
        }
        log.info("Read the media facts of {} of {} episode(s)", read, missing.size());
    }

    /**
     * Reads one episode's media and keeps what was read with it, unless its media changed meanwhile; a read cut
     * short by a stop keeps nothing, so the episode stays pending for the next start.
     */
    void read(long episodeId, UUID mediaId) {
        MediaFacts facts;
        UUID poster = null;
        try {
            ProbedMedia read = probe.probe(mediaId);
            poster = read.poster() == null ? null : read.poster().id();
            facts = new MediaFacts(MediaFacts.State.KNOWN, read.durationSeconds() == null ? null
                    : Math.round(read.durationSeconds() * 1000), read.width(), read.height(), read.container(),
                    read.videoCodec(), read.audioCodec(), poster, null);
        } catch (MediaProbe.UnreadableMediaException e) {
            facts = unreadable(e.getMessage());
        } catch (RuntimeException e) {
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
    }

    private boolean keep(long episodeId, UUID mediaId, MediaFacts facts) {
        return Boolean.TRUE.equals(transactions.execute(status -> {
            UUID replaced = episodes.findPosterId(episodeId);
            if (episodes.recordFacts(episodeId, mediaId, facts, clock.instant()) == 0) {
                return false; // deleted, or given other media, while its facts were read
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
