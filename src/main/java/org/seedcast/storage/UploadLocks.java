package org.seedcast.storage;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Who may work on an upload: one request at a time on this node (an append, a finish, a cancel, a sweep), and,
 * when the nodes share the upload's bytes in a bucket, one node at a time for what must not run twice
 * (finishing, cancelling, sweeping). A request that finds the upload busy is told so at once, never queued.
 */
final class UploadLocks {

    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();
    /** The uploads' bytes in the bucket, whose cluster lock spans the nodes; null when they are on this disk. */
    private final UploadSegments segments;

    UploadLocks(UploadSegments segments) {
        this.segments = segments;
    }

    /** Runs {@code work} holding this node's lock of the upload; empty when another request holds it. */
    <T> Optional<T> here(UUID id, Supplier<T> work) {
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        if (!lock.tryLock()) {
            return Optional.empty();
        }
        try {
            return Optional.ofNullable(work.get());
        } finally {
            lock.unlock();
        }
    }

    /** Runs {@code work} alone on the upload: this node's lock, and the nodes' when they share its bytes. */
    <T> Optional<T> alone(UUID id, Supplier<T> work) {
        return here(id, () -> acrossNodes(id, work)).flatMap(done -> done);
    }

    /**
     * Runs {@code work} while no other node does, for a caller that holds this node's lock: with bytes on this
     * node's disk, that lock suffices.
     */
    <T> Optional<T> acrossNodes(UUID id, Supplier<T> work) {
        return segments == null ? Optional.ofNullable(work.get()) : segments.alone(id, work);
    }

    /** The upload is done with or gone: its lock is not kept. */
    void forget(UUID id) {
        locks.remove(id);
    }
}
