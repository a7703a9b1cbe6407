package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.seedcast.accounts.SeedcastUser;
import org.seedcast.torrent.PieceHasher;
import org.seedcast.torrent.PieceLength;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.util.StringUtils;

/**
 * Resumable uploads with the semantics of tus 1.0 (core, creation, termination): an upload is
 * created with its final length, receives its bytes in any number of appends at the offset the
 * server reports, and becomes a draft episode's media the moment its last byte arrives. The
 * bytes go straight to disk; only a 1 MiB buffer and the running SHA-256 are held in memory.
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
    private final Map<UUID, ReentrantLock> locks = new ConcurrentHashMap<>();
    private final Map<UUID, PieceHasher> hashers = new ConcurrentHashMap<>();

    ResumableUploads(UploadRepository repository, MediaStore mediaStore, UploadTarget target,
                     StorageProperties properties, Clock clock) throws IOException {
        this.repository = repository;
        this.mediaStore = mediaStore;
        this.target = target;
        this.properties = properties;
        this.clock = clock;
        Files.createDirectories(properties.uploadsDir());
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
        String cleanTitle = StringUtils.hasText(title) ? title.strip() : fileName.strip();
        UUID id = UUID.randomUUID();
        try {
            Files.createFile(partPath(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        repository.save(new Upload(id, plan.showId(), user.id(), truncate(fileName.strip(), 255), truncate(cleanTitle, 300),
                length, plan.format(), clock.instant()));
        return id;
    }

    /** Where an upload stands: bytes received and bytes expected. */
    Status status(UUID id, SeedcastUser user) {
        Upload upload = owned(id, user);
        return new Status(offsetOf(upload), upload.getLength(), upload.getEpisodeId());
    }

    /**
     * Appends the bytes of {@code body} at {@code offset}, which must be exactly the number of
     * bytes received so far. Bytes that arrived before the client went away are kept.
     */
    Status append(UUID id, SeedcastUser user, long offset, InputStream body) {
        Upload upload = owned(id, user);
        ReentrantLock lock = locks.computeIfAbsent(id, key -> new ReentrantLock());
        if (!lock.tryLock()) {
            throw new RejectedMediaException(HttpStatus.LOCKED, "Another request is appending to this upload.");
        }
        try {
            return appendLocked(upload, offset, body);
        } finally {
            lock.unlock();
        }
    }

    /** Cancels an upload and deletes what it received. */
    void terminate(UUID id, SeedcastUser user) {
        Upload upload = owned(id, user);
        if (upload.isComplete()) {
            throw new RejectedMediaException(HttpStatus.CONFLICT, "This upload is complete; delete the episode instead.");
        }
        discard(upload);
    }

    /** Uploads nobody touched for a week are abandoned: their partial files are removed. */
    @Scheduled(fixedDelayString = "PT1H", initialDelayString = "PT5M")
    void sweepAbandoned() {
        for (Upload upload : repository.findByEpisodeIdIsNullAndUpdatedAtBefore(clock.instant().minus(ABANDONED_AFTER))) {
            log.info("Removing upload {} of '{}', abandoned since {}", upload.getId(), upload.getFileName(), upload.getUpdatedAt());
            discard(upload);
        }
    }

    private Status appendLocked(Upload upload, long offset, InputStream body) {
        if (upload.isComplete()) {
            throw new RejectedMediaException(HttpStatus.CONFLICT, "This upload is already complete.");
        }
        Path part = partPath(upload.getId());
        long current = offsetOf(upload);
        if (offset != current) {
            throw new RejectedMediaException(HttpStatus.CONFLICT,
                    "Upload-Offset " + offset + " does not match the " + current + " bytes received so far.");
        }
        PieceHasher hasher = hasherAt(upload, part, current);
        long received;
        try {
            received = write(part, current, upload.getLength(), body, hasher);
        } catch (IOException clientWentAway) {
            received = hasher.position();
            log.debug("Upload {} interrupted at {} bytes: {}", upload.getId(), received, clientWentAway.toString());
        }
        checkKind(upload, part, received);
        upload.touched(clock.instant());
        repository.save(upload);
        if (received == upload.getLength()) {
            return complete(upload, part, hasher);
        }
        return new Status(received, upload.getLength(), null);
    }

    private long write(Path part, long offset, long length, InputStream body, PieceHasher hasher) throws IOException {
        byte[] buffer = new byte[MediaStore.BUFFER_SIZE];
        long position = offset;
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.WRITE)) {
            for (int n; (n = body.read(buffer)) != -1; ) {
                if (position + n > length) {
                    out.truncate(position);
                    throw new RejectedMediaException(HttpStatus.CONTENT_TOO_LARGE,
                            "The request carries more bytes than the Upload-Length of " + length + ".");
                }
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
                while (chunk.hasRemaining()) {
                    out.write(chunk, position + chunk.position());
                }
                hasher.update(buffer, 0, n);
                position += n;
            }
        }
        return position;
    }

    private void checkKind(Upload upload, Path part, long received) {
        long needed = Math.min(MediaKind.SNIFF_LENGTH, upload.getLength());
        if (upload.getMediaType() != null || received < needed) {
            return;
        }
        byte[] head = new byte[(int) needed];
        try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ)) {
            in.read(ByteBuffer.wrap(head), 0);
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

    private Status complete(Upload upload, Path part, PieceHasher hasher) {
        hashers.remove(upload.getId());
        StoredMedia media;
        try {
            media = mediaStore.adopt(part, upload.getMediaType(), hasher.finish());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long episodeId;
        try {
            episodeId = target.completed(new UploadTarget.CompletedUpload(upload.getShowId(), upload.getAccountId(),
                    upload.getFileName(), upload.getTitle(), media));
        } catch (RuntimeException e) {
            mediaStore.delete(media.id());
            repository.delete(upload);
            throw e;
        }
        upload.completed(episodeId, clock.instant());
        repository.save(upload);
        locks.remove(upload.getId());
        return new Status(upload.getLength(), upload.getLength(), episodeId);
    }

    /** The hasher of an upload, rebuilt from the bytes on disk after a restart or a failed append. */
    private PieceHasher hasherAt(Upload upload, Path part, long offset) {
        PieceHasher hasher = hashers.get(upload.getId());
        if (hasher == null || hasher.position() != offset) {
            try {
                hasher = PieceHasher.resume(part, offset, upload.getLength(),
                        PieceLength.forFileLength(upload.getLength()), upload.getTorrentFormat());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            hashers.put(upload.getId(), hasher);
        }
        return hasher;
    }

    private Upload owned(UUID id, SeedcastUser user) {
        Upload upload = repository.findById(id).orElseThrow(ResumableUploads::notFound);
        if (upload.getAccountId() != user.id() && !user.isAdmin()) {
            throw notFound();
        }
        return upload;
    }

    private long offsetOf(Upload upload) {
        if (upload.isComplete()) {
            return upload.getLength();
        }
        try {
            return Files.size(partPath(upload.getId()));
        } catch (IOException e) {
            return 0;
        }
    }

    private void discard(Upload upload) {
        hashers.remove(upload.getId());
        locks.remove(upload.getId());
        MediaStore.deleteQuietly(partPath(upload.getId()));
        repository.delete(upload);
    }

    private Path partPath(UUID id) {
        return properties.uploadsDir().resolve(id + ".part");
    }

    private static RejectedMediaException notFound() {
        return new RejectedMediaException(HttpStatus.NOT_FOUND, "No such upload.");
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
