package org.seedcast.storage;

import java.io.IOException;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import jakarta.annotation.PreDestroy;

import org.seedcast.node.ThreadPriorities;
import org.seedcast.torrent.FileHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Hybrids stored before their leaf layer was kept (or whose leaf file was lost) get it once, at
 * start: the seed answers BEP 52 hash requests from kept layers only and never hashes a file to
 * answer a peer. One file at a time, on one core, on a thread of its own, off every request path;
 * until a file's turn comes the seed rejects hash requests for it (clients fall back on the hashes
 * in the .torrent and on other peers).
 */
@Component
class LeafBackfill {

    private static final Logger log = LoggerFactory.getLogger(LeafBackfill.class);

    private final MediaStore store;
    private final FileHasher hasher;
    private volatile Thread worker;

    @Autowired
    LeafBackfill(MediaStore store) {
        this(store, new FileHasher(1));
    }

    LeafBackfill(MediaStore store, FileHasher hasher) {
        this.store = store;
        this.hasher = hasher;
    }

    @EventListener(ApplicationReadyEvent.class)
    void start() {
        // hashing old media can wait for the tracker's event loops, as the web's work does
        worker = Thread.ofPlatform().name("leaf-backfill").priority(ThreadPriorities.YIELDING).daemon().start(this::run);
    }

    /** Stops between files or in the middle of one; what was cut short is picked up at the next start. */
    @PreDestroy
    void stop() throws InterruptedException {
        Thread running = worker;
        if (running != null) {
            running.interrupt();
            running.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** Hashes every stored hybrid without a leaf layer; returns how many got one. */
    int run() {
        Map<UUID, Long> missing;
        try {
            missing = store.hybridsWithoutLeaves();
        } catch (IOException e) {
            log.warn("Could not list the media lacking their merkle leaves: {}", e.toString());
            return 0;
        }
        if (missing.isEmpty()) {
            return 0;
        }
        long total = missing.values().stream().mapToLong(Long::longValue).sum();
        log.info("Hashing {} hybrid media file(s), {} MB, once, to keep the block hashes the seed answers "
                + "hash requests from", missing.size(), total >> 20);
        int done = 0;
        long hashed = 0;
        for (Map.Entry<UUID, Long> entry : missing.entrySet()) {
            if (Thread.currentThread().isInterrupted()) {
                log.info("Stopped keeping merkle leaves after {} of {} file(s)", done, missing.size());
                return done;
            }
            long started = System.nanoTime();
            try {
                store.keepLeaves(entry.getKey(), hasher);
                done++;
            } catch (IOException | RuntimeException e) {
                log.warn("Could not keep the merkle leaves of media {}: {}", entry.getKey(), e.toString());
            }
            hashed += entry.getValue();
            log.info("Merkle leaves: media {} ({} MB) in {} ms; {} of {} MB done", entry.getKey(),
                    entry.getValue() >> 20, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                    hashed >> 20, total >> 20);
        }
        log.info("Kept the merkle leaves of {} of {} hybrid media file(s)", done, missing.size());
        return done;
    }
}
