package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import java.util.function.Consumer;

import org.seedcast.torrent.PieceHasher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;

/**
 * The files of resumable uploads in this node's uploads directory: with media on the filesystem, an upload's
 * bytes in its part file ({@code {id}.part}, whose size is the upload's offset); with either storage, a hybrid's
 * block hashes ({@code {id}.leaves}), written as its pieces arrive. A write that fails is cut back to the last
 * byte hashed, so the offset a client resumes from and the piece hashes agree.
 */
final class PartFiles {

    private static final Logger log = LoggerFactory.getLogger(PartFiles.class);

    private final StorageProperties properties;
    private final Disk disk;
    /** Drops an upload's piece hasher when it took in bytes the part file does not keep: a resume rebuilds it. */
    private final Consumer<UUID> dropHasher;

    PartFiles(StorageProperties properties, Disk disk, Consumer<UUID> dropHasher) throws IOException {
        this.properties = properties;
        this.disk = disk;
        this.dropHasher = dropHasher;
        Files.createDirectories(properties.uploadsDir());
    }

    /** Writes to and measures the disk: the seam where a test makes the disk fail or fill up. */
    interface Disk {

        Disk REAL = new Disk() {
            @Override
            public int write(FileChannel out, ByteBuffer bytes, long position) throws IOException {
                return out.write(bytes, position);
            }

            @Override
            public long usableSpace(Path dir) throws IOException {
                return Files.getFileStore(dir).getUsableSpace();
            }
        };

        int write(FileChannel out, ByteBuffer bytes, long position) throws IOException;

        long usableSpace(Path dir) throws IOException;
    }

    Path part(UUID id) {
        return properties.uploadsDir().resolve(id + ".part");
    }

    /** A hybrid upload's block hashes, written as its pieces arrive, moved beside the media when it completes. */
    Path leaves(UUID id) {
        return properties.uploadsDir().resolve(id + ".leaves");
    }

    void create(UUID id) {
        try {
            Files.createFile(part(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The bytes in the upload's part file; -1 when this node has none. */
    long size(UUID id) {
        try {
            return Files.size(part(id));
        } catch (NoSuchFileException e) {
            return -1;
        } catch (IOException e) {
            return 0;
        }
    }

    void delete(UUID id) {
        StoreFiles.deleteQuietly(part(id));
        StoreFiles.deleteQuietly(leaves(id));
    }

    /**
     * Refuses an upload of {@code length} bytes that would not fit on the disk beside the {@code promised} bytes
     * unfinished uploads have yet to write and the reserve (the embedded database shares the disk and stops when
     * it is full).
     */
    void requireRoomFor(long length, long promised) {
        long usable;
        try {
            usable = disk.usableSpace(properties.uploadsDir());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long reserve = properties.uploads().freeSpaceReserve().toBytes();
        if (usable - reserve - promised < length) {
            log.warn("Refused an upload of {} bytes: {} bytes usable, {} promised to unfinished uploads, {} kept in reserve",
                    length, usable, promised, reserve);
            throw new RejectedMediaException(HttpStatus.INSUFFICIENT_STORAGE, "Disk full",
                    "The server has not enough free disk space for a file of " + length + " bytes. Try again once space is freed.");
        }
    }

    /**
     * Copies the request body to the part file from {@code offset}. A failure to read is the client going away:
     * what arrived is kept and the client resumes from there. A failure to write is ours: the file is cut back to
     * the last byte hashed, and the client hears 507 when the disk is full.
     *
     * @return the bytes in the part file now
     */
    long write(Upload upload, long offset, InputStream body, PieceHasher hasher) {
        byte[] buffer = new byte[StoreFiles.BUFFER_SIZE];
        long length = upload.getLength();
        long position = offset;
        try (FileChannel out = FileChannel.open(part(upload.getId()), StandardOpenOption.WRITE)) {
            for (int n; (n = ResumableUploads.read(upload, body, buffer, buffer.length)) != -1; ) {
                if (position + n > length) {
                    out.truncate(position);
                    throw new RejectedMediaException(HttpStatus.CONTENT_TOO_LARGE,
                            "The request carries more bytes than the Upload-Length of " + length + ".");
                }
                writeFully(out, buffer, n, position, upload.getId());
                hashInto(hasher, buffer, n, upload.getId());
                position += n;
            }
        } catch (IOException e) {
            throw writeFailed(upload, e);
        }
        return position;
    }

    /**
     * A hybrid's hasher writes block hashes to the upload's leaf file: when that write fails, the hasher is
     * dropped (it took in part of the chunk) and rebuilt from the disk on resume.
     */
    private void hashInto(PieceHasher hasher, byte[] buffer, int n, UUID id) throws IOException {
        try {
            hasher.update(buffer, 0, n);
        } catch (UncheckedIOException e) {
            dropHasher.accept(id);
            throw e.getCause();
        }
    }

    private void writeFully(FileChannel out, byte[] buffer, int n, long position, UUID id) throws IOException {
        ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, n);
        try {
            while (chunk.hasRemaining()) {
                disk.write(out, chunk, position + chunk.position());
            }
        } catch (IOException e) {
            try {
                out.truncate(position);
            } catch (IOException truncateFailed) {
                // the offset a client resumes from is the file's size: the bytes past the last one
                // hashed stay, and a hasher rebuilt from the disk takes them in
                dropHasher.accept(id);
            }
            throw e;
        }
    }

    private RuntimeException writeFailed(Upload upload, IOException e) {
        long kept = Math.max(0, size(upload.getId()));
        if (StoreFiles.isDiskFull(e)) {
            log.warn("The disk is full: upload {} keeps its {} bytes and waits for space", upload.getId(), kept);
            return new RejectedMediaException(HttpStatus.INSUFFICIENT_STORAGE, "Disk full",
                    "The server's disk is full. The " + kept + " bytes received so far are kept;"
                            + " the upload resumes once space is freed.");
        }
        log.error("Writing upload {} failed", upload.getId(), e);
        return new RejectedMediaException(HttpStatus.INTERNAL_SERVER_ERROR, "Upload not written",
                "Writing the upload failed on the server. The " + kept + " bytes received so far are kept; retry to resume.");
    }
}
