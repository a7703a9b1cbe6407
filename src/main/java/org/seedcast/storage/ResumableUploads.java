package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;

import org.seedcast.accounts.SeedcastUser;
import org.seedcast.torrent.PieceHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Resumable uploads with the semantics of tus 1.0 (core, creation, termination): an upload is
 * created with its final length, receives its bytes in any number of appends at the offset the
 * server reports, and becomes a draft episode's media once its last byte arrived. The bytes go
 * straight to disk; only a 1 MiB buffer and the running piece hashes are held in memory. With media
 * in a bucket, they go to the bucket instead, segment by segment ({@link UploadSegments}), and any
 * web node continues the upload: the offset is in PostgreSQL, and a node that never saw the upload
 * rebuilds its piece hasher from the segments.
 *
 * <p>Received bytes are never thrown away because of a fault on our side: a disk that fills up
 * answers 507 and keeps what was written; a finalisation that fails (database down) keeps the
 * file and is retried by the next HEAD or PATCH.
 */
@Service
class ResumableUploads {

    private static final Logger log = LoggerFactory.getLogger(ResumableUploads.class);
    private static final Duration ABANDONED_AFTER = Duration.ofDays(7);

    private final UploadRepository repository;
    private final MediaStore mediaStore;
    private final UploadTarget target;
    private final StorageProperties properties;
    private final Clock clock;
    /** This node's files of the uploads: their bytes with media on the filesystem, a hybrid's block hashes. */
    private final PartFiles files;
    private final UploadLocks locks;
    private final UploadHashers hashers;
    /** The uploads' bytes in the bucket; null when they are files of this node's disk. */
    private final UploadSegments segments;

    @Autowired
    ResumableUploads(UploadRepository repository, MediaStore mediaStore, UploadTarget target,
                     StorageProperties properties, Clock clock, ObjectProvider<UploadSegments> segments)
            throws IOException {
        this(repository, mediaStore, target, properties, clock, PartFiles.Disk.REAL, segments.getIfAvailable());
    }

    ResumableUploads(UploadRepository repository, MediaStore mediaStore, UploadTarget target,
                     StorageProperties properties, Clock clock, PartFiles.Disk disk) throws IOException {
        this(repository, mediaStore, target, properties, clock, disk, null);
    }

    private ResumableUploads(UploadRepository repository, MediaStore mediaStore, UploadTarget target,
                             StorageProperties properties, Clock clock, PartFiles.Disk disk, UploadSegments segments)
            throws IOException {
        this.repository = repository;
        this.segments = segments;
        this.locks = new UploadLocks(segments);
        this.mediaStore = mediaStore;
        this.target = target;
        this.properties = properties;
        this.clock = clock;
        this.files = new PartFiles(properties, disk, this::dropHasher);
        this.hashers = new UploadHashers(clock, files::leaves);
    }

    long maxSize() {
        return properties.uploads().maxSize().toBytes();
    }

    /** Creates an upload of {@code length} bytes for an episode of {@code showSlug}. */
    UUID create(long length, String fileName, String showSlug, String title, SeedcastUser user) {
        if (length <= 0) {
            throw new RejectedMediaException(HttpStatus.BAD_REQUEST, "Upload-Length must be a positive number of bytes.");
        }
        if (length > maxSize()) {
            throw new RejectedMediaException(HttpStatus.CONTENT_TOO_LARGE,
                    "The file is larger than the limit of " + maxSize() + " bytes.");
        }
        if (!StringUtils.hasText(fileName) || !StringUtils.hasText(showSlug)) {
            throw new RejectedMediaException(HttpStatus.BAD_REQUEST, "Upload-Metadata must carry filename and show.");
        }
        UploadTarget.UploadPlan plan = target.authorize(showSlug, user);
        requireRoomFor(length, user);
        String cleanTitle = StringUtils.hasText(title) ? title.strip() : fileName.strip();
        UUID id = UUID.randomUUID();
        if (segments == null) {
            files.create(id);
        }
        repository.save(new Upload(id, plan.showId(), user.id(), truncate(fileName.strip(), 255), truncate(cleanTitle, 300),
                length, plan.format(), clock.instant()));
        return id;
    }

    /**
     * Where an upload stands: bytes received and bytes expected. An upload whose bytes are all
     * there but whose episode was never created (a crash, a failed finalisation) is finished here,
     * so a client that asks where it stands gets its episode.
     */
    Status status(UUID id, SeedcastUser user) {
        Upload upload = continuable(id, user);
        long offset = receivedHere(upload);
        if (upload.isComplete() || offset < upload.getLength()) {
            return new Status(offset, upload.getLength(), upload.getEpisodeId());
        }
        return locks.alone(id, () -> {
            Upload current = continuable(id, user);
            return current.isComplete() ? new Status(current.getLength(), current.getLength(), current.getEpisodeId())
                    : finish(current);
        }).orElse(new Status(upload.getLength(), upload.getLength(), null));
    }

    /**
     * Appends the bytes of {@code body} at {@code offset}, which must be exactly the number of
     * bytes received so far. Bytes that arrived before the client went away are kept.
     */
    Status append(UUID id, SeedcastUser user, long offset, InputStream body) {
        continuable(id, user); // before a lock is taken: an unknown id leaves nothing behind
        return locks.here(id, () -> appendLocked(continuable(id, user), offset, body))
                .orElseThrow(ResumableUploads::locked);
    }

    /** Cancels an upload and deletes what it received; refused (423) while an append is running. */
    void terminate(UUID id, SeedcastUser user) {
        owned(id, user);
        locks.alone(id, () -> {
            Upload upload = owned(id, user);
            if (upload.isComplete()) {
                throw new RejectedMediaException(HttpStatus.CONFLICT, "This upload is complete; delete the episode instead.");
            }
            discard(upload);
            return true;
        }).orElseThrow(ResumableUploads::locked);
    }

    /**
     * Uploads nobody touched for a week are abandoned: their partial files are removed. One whose
     * bytes are all there is finished instead, since nothing about it is partial. Segments in the
     * bucket as old that no upload names are removed too. Run by
     * {@link UploadSweeps}, on one node at a time.
     */
    void sweepAbandoned() {
        Instant cutoff = clock.instant().minus(ABANDONED_AFTER);
        for (Upload upload : repository.findByEpisodeIdIsNullAndUpdatedAtBefore(cutoff)) {
            try {
                locks.alone(upload.getId(), () -> sweep(upload));
            } catch (RuntimeException e) {
                log.warn("Could not finish or remove upload {}: {}", upload.getId(), e.toString());
            }
        }
        if (segments != null) {
            try {
                segments.sweepOrphans(cutoff);
            } catch (IOException | RuntimeException e) {
                log.warn("Could not sweep the orphaned upload segments: {}", e.toString());
            }
        }
    }

    /** Finishes or removes an abandoned upload; false when another node finished or resumed it meanwhile. */
    private boolean sweep(Upload abandoned) {
        // with shared bytes, read again once alone: another node may have finished or resumed it
        Upload current = segments == null ? abandoned : repository.findById(abandoned.getId())
                .filter(found -> !found.isComplete() && !found.getUpdatedAt().isAfter(abandoned.getUpdatedAt()))
                .orElse(null);
        if (current == null) {
            return false;
        }
        if (offsetOf(current) == current.getLength()) {
            finish(current);
        } else {
            log.info("Removing upload {}, abandoned since {}", current.getId(), current.getUpdatedAt());
            discard(current);
        }
        return true;
    }

    /** Drops the piece hashers of uploads that stopped receiving bytes; a resume rebuilds one from the disk. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void evictIdleHashers() {
        Instant cutoff = clock.instant().minus(properties.uploads().idleHasher());
        for (UUID id : hashers.idleSince(cutoff)) {
            // under the upload's lock: an append never finds its leaf file closed under it
            locks.here(id, () -> {
                hashers.drop(id);
                return true;
            });
        }
    }

    private void dropHasher(UUID id) {
        hashers.drop(id);
    }

    int heldHashers() {
        return hashers.size();
    }

    private Status appendLocked(Upload upload, long offset, InputStream body) {
        if (upload.isComplete()) {
            throw new RejectedMediaException(HttpStatus.CONFLICT, "This upload is already complete.");
        }
        long current = receivedHere(upload);
        if (offset != current) {
            throw new RejectedMediaException(HttpStatus.CONFLICT,
                    "Upload-Offset " + offset + " does not match the " + current + " bytes received so far.");
        }
        if (current == upload.getLength()) {
            return finishAlone(upload);
        }
        PieceHasher hasher = hashers.at(upload, received(upload), current);
        long received = segments == null ? files.write(upload, current, body, hasher)
                : appendSegments(upload, current, body, hasher);
        checkKind(upload, received);
        upload.touched(clock.instant());
        upload = repository.save(upload);
        if (received == upload.getLength()) {
            return finishAlone(upload);
        }
        return new Status(received, upload.getLength(), null);
    }

    /** With media in a bucket: the bytes become segments; the hasher is dropped if any of them is not kept. */
    private long appendSegments(Upload upload, long offset, InputStream body, PieceHasher hasher) {
        try {
            return segments.append(upload, offset, body, hasher::update);
        } catch (IOException e) {
            hashers.drop(upload.getId());
            log.error("Storing a segment of upload {} failed", upload.getId(), e);
            throw new RejectedMediaException(HttpStatus.INTERNAL_SERVER_ERROR, "Upload not stored",
                    "Storing the upload failed on the server. The bytes received before are kept; ask for the offset"
                            + " (HEAD) and resume from there.");
        } catch (RuntimeException e) {
            hashers.drop(upload.getId());
            throw e;
        }
    }

    /**
     * Finishes an upload whose bytes all arrived. When any node may, one node at a time, which reads
     * the upload again once alone (another may have finished it meanwhile); 423 while one does.
     */
    private Status finishAlone(Upload upload) {
        if (segments == null) {
            return finish(upload);
        }
        return locks.acrossNodes(upload.getId(), () -> {
            Upload current = repository.findById(upload.getId()).orElseThrow(ResumableUploads::notFound);
            return current.isComplete() ? new Status(current.getLength(), current.getLength(), current.getEpisodeId())
                    : finish(current);
        }).orElseThrow(ResumableUploads::locked);
    }

    /** The bytes the upload received so far, from the first: its part file, or its segments. */
    private UploadHashers.Received received(Upload upload) {
        return segments == null ? () -> Files.newInputStream(files.part(upload.getId())) : () -> segments.open(upload.getId());
    }

    /** Up to {@code length} bytes of the body; -1 at its end and when the client went away. */
    static int read(Upload upload, InputStream body, byte[] buffer, int length) {
        try {
            return body.read(buffer, 0, length);
        } catch (IOException clientWentAway) {
            log.debug("Upload {} interrupted: {}", upload.getId(), clientWentAway.toString());
            return -1;
        }
    }

    private void checkKind(Upload upload, long received) {
        long needed = Math.min(MediaKind.SNIFF_LENGTH, upload.getLength());
        if (upload.getMediaType() != null || received < needed) {
            return;
        }
        byte[] head;
        try (InputStream in = received(upload).open()) {
            head = in.readNBytes((int) needed);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        String type = MediaKind.sniffMedia(head, head.length).orElse(null);
        if (type == null) {
            discard(upload);
            throw new RejectedMediaException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "Only audio and video files are accepted (checked by their content, not their name); the upload was removed.");
        }
        upload.recognised(type, clock.instant());
    }

    /**
     * Turns a complete upload into an episode's media, in steps that can each be repeated: the media
     * id is recorded first, then the file moved under it, then the episode created. Whatever step
     * fails, the bytes stay, and the next HEAD or PATCH picks up where it stopped.
     */
    private Status finish(Upload complete) {
        Upload upload = complete;
        if (upload.getMediaType() == null) {
            checkKind(upload, upload.getLength());
        }
        if (upload.getMediaId() == null) {
            upload.adopting(UUID.randomUUID(), clock.instant());
            upload = repository.save(upload);
        }
        StoredMedia media;
        try {
            Upload adopting = upload;
            media = segments == null
                    ? mediaStore.adopt(files.part(upload.getId()), upload.getMediaId(), upload.getMediaType(),
                            (file, leaves) -> hashers.finish(() -> Files.newInputStream(file), leaves, adopting))
                    : mediaStore.adoptJoined(segments.names(upload.getId()), upload.getMediaId(), upload.getMediaType(),
                            (file, leaves) -> hashers.finish(received(adopting), leaves, adopting));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        hashers.drop(upload.getId());
        StoreFiles.deleteQuietly(files.leaves(upload.getId()));
        long episodeId = target.completed(new UploadTarget.CompletedUpload(upload.getShowId(), upload.getAccountId(),
                upload.getFileName(), upload.getTitle(), media));
        upload.completed(episodeId, clock.instant());
        Upload saved = repository.save(upload);
        locks.forget(saved.getId());
        if (segments != null) {
            segments.delete(saved.getId());
        }
        return new Status(saved.getLength(), saved.getLength(), episodeId);
    }

    /** One user holds a bounded number of unfinished uploads, and a new one must fit on the disk. */
    private void requireRoomFor(long length, SeedcastUser user) {
        int maxUnfinished = properties.uploads().maxUnfinished();
        if (repository.countByAccountIdAndEpisodeIdIsNull(user.id()) >= maxUnfinished) {
            throw new RejectedMediaException(HttpStatus.TOO_MANY_REQUESTS, "Too many unfinished uploads",
                    "You have " + maxUnfinished + " unfinished uploads; finish or cancel one before starting another.");
        }
        if (segments == null) { // in a bucket, this disk holds one segment per append at most
            files.requireRoomFor(length, outstandingBytes());
        }
    }

    /** The bytes that unfinished uploads have yet to write: the disk must keep room for them too. */
    private long outstandingBytes() {
        long outstanding = 0;
        for (Upload upload : repository.findByEpisodeIdIsNull()) {
            outstanding += Math.max(0, upload.getLength() - offsetOf(upload));
        }
        return outstanding;
    }

    private Upload owned(UUID id, SeedcastUser user) {
        Upload upload = repository.findById(id).orElseThrow(ResumableUploads::notFound);
        if (upload.getAccountId() != user.id() && !user.isAdmin()) {
            throw notFound();
        }
        return upload;
    }

    /** An upload of this user that may go on: an unfinished one only while the user still manages its show. */
    private Upload continuable(UUID id, SeedcastUser user) {
        Upload upload = owned(id, user);
        if (!upload.isComplete()) {
            target.requireStillAllowed(upload.getShowId(), user);
        }
        return upload;
    }

    /**
     * The bytes received, for a request about to go on from them. On the filesystem an upload's bytes are in its
     * part file on the node that created it. Another web node, without a shared uploads directory, has no part
     * file: tus clients hear 404 and start a new upload, rather than being told to resume from 0 into a file that
     * is not there.
     */
    private long receivedHere(Upload upload) {
        if (segments != null || upload.isComplete() || upload.getMediaId() != null) {
            return offsetOf(upload);
        }
        long size = files.size(upload.getId());
        if (size < 0) {
            log.warn("upload {} has no part file on this node: a web node without the uploads directory it was started "
                    + "in (share SEEDCAST_DATA_DIR/uploads between web nodes, or use SEEDCAST_STORAGE=s3)", upload.getId());
            throw new RejectedMediaException(HttpStatus.NOT_FOUND,
                    "This upload's bytes are not on this server: start the upload again.");
        }
        return size;
    }

    private long offsetOf(Upload upload) {
        if (upload.isComplete() || upload.getMediaId() != null && mediaStore.exists(upload.getMediaId())) {
            return upload.getLength();
        }
        return segments != null ? upload.getReceived() : Math.max(0, files.size(upload.getId()));
    }

    private void discard(Upload upload) {
        hashers.drop(upload.getId());
        locks.forget(upload.getId());
        files.delete(upload.getId());
        if (segments != null) {
            segments.delete(upload.getId());
        }
        if (upload.getMediaId() != null) {
            mediaStore.delete(upload.getMediaId());
        }
        repository.delete(upload);
    }

    private static RejectedMediaException notFound() {
        return new RejectedMediaException(HttpStatus.NOT_FOUND, "No such upload.");
    }

    private static RejectedMediaException locked() {
        return new RejectedMediaException(HttpStatus.LOCKED, "Upload busy", "Another request is appending to this upload.");
    }

    private static String truncate(String text, int max) {
        return text.length() <= max ? text : text.substring(0, max);
    }

    /**
     * @param offset    bytes received
     * @param length    bytes expected
     * @param episodeId the draft episode, once complete
     */
    record Status(long offset, long length, Long episodeId) {
    }
}
