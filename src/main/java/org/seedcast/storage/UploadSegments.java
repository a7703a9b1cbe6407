package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.seedcast.scheduling.ClusterLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The bytes of resumable uploads when media live in a bucket ({@code SEEDCAST_STORAGE=s3}): objects
 * of the bucket ({@code media/uploads/{upload}.{start}.{random}.segment}) listed in PostgreSQL, so that an
 * upload started on one web node continues on any other, and a node that dies takes nothing with it
 * but the segment it was filling.
 *
 * <p>Segments are aligned: once full, segment {@code k} holds bytes {@code [k * size, (k + 1) * size)};
 * only the last may be short. An append that starts in a short last segment writes it again whole
 * (at most one segment read back from the bucket) under a new name, so the complete upload is joined
 * inside the store from part copies, whose parts S3 wants at least 5 MiB long, the last excepted.
 *
 * <p>A segment counts once its row commits together with the upload's new offset, in one
 * transaction that succeeds only from the offset its writer started at: two nodes that receive
 * appends for the same upload at once cannot both append (the second hears 409 and resumes from the
 * offset HEAD reports). A segment stored whose transaction did not commit is deleted, or, when the
 * node died in between, an orphan that no upload names until the abandoned-upload sweep removes it
 * ({@link #sweepOrphans}).
 */
final class UploadSegments {

    private static final Logger log = LoggerFactory.getLogger(UploadSegments.class);
    private static final String SUFFIX = ".segment";
    /** Segments have a folder of their own, so that the sweep lists them alone, not every media object. */
    private static final String FOLDER = "uploads/";

    private final MediaObjects objects;
    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final ClusterLock cluster;
    private final Path spoolDir;
    private final long segmentSize;
    private final Clock clock;
    /** Whether no segment is left from before segments had their folder: the sweep then lists the folder only. */
    private volatile boolean outsideFolderGone;

    UploadSegments(MediaObjects objects, JdbcTemplate jdbc, TransactionTemplate transactions, ClusterLock cluster,
                   Path spoolDir, long segmentSize, Clock clock) {
        this.objects = objects;
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cluster = cluster;
        this.spoolDir = spoolDir;
        this.segmentSize = segmentSize;
        this.clock = clock;
    }

    /** Segments a crash left half-filled on this node's disk never reached the bucket: they are nobody's. */
    static void sweepSpools(Path spoolDir) throws IOException {
        try (var spools = Files.list(spoolDir)) {
            spools.filter(path -> path.getFileName().toString().endsWith(SUFFIX)).forEach(StoreFiles::deleteQuietly);
        }
    }

    /**
     * Runs {@code work} on an upload while no other node (nor thread) runs work on it under this
     * lock: finishing, terminating, sweeping. Empty when another one does.
     */
    <T> Optional<T> alone(UUID id, Supplier<T> work) {
        AtomicReference<T> result = new AtomicReference<>();
        return cluster.runAlone("storage.upload." + id, () -> result.set(work.get()))
                ? Optional.of(result.get()) : Optional.empty();
    }

    /** The bytes received, from the first: the committed segments, read from the bucket in turn. */
    InputStream open(UUID id) {
        return new Joined(segments(id).iterator());
    }

    /** The names of the upload's segments, in order. */
    List<String> names(UUID id) {
        return segments(id).stream().map(Segment::name).toList();
    }

    /**
     * Deletes the segments stored before {@code cutoff} that no row names: a node that died between
     * storing a segment and recording it left them. Their age keeps a segment whose row is about to
     * commit out of reach; the caller runs this on one node at a time. It lists the segments' folder only;
     * segments stored before they had one are looked for outside it until none is left.
     *
     * @return how many were deleted
     */
    int sweepOrphans(Instant cutoff) throws IOException {
        int swept = sweep(objects.namesWrittenBefore(FOLDER, SUFFIX, cutoff));
        if (!outsideFolderGone) {
            swept += sweep(objects.namesWrittenBefore("", SUFFIX, cutoff).stream()
                    .filter(UploadSegments::outsideFolder).toList());
            outsideFolderGone = objects.names(SUFFIX).stream().noneMatch(UploadSegments::outsideFolder);
        }
        return swept;
    }

    private static boolean outsideFolder(String name) {
        return !name.contains("/");
    }

    private int sweep(List<String> names) {
        int swept = 0;
        for (String name : names) {
            if (jdbc.queryForObject("select count(*) from upload_segments where object_name = ?", Integer.class, name) == 0) {
                log.info("Removing segment {}, which no upload names", name);
                objects.delete(name);
                swept++;
            }
        }
        return swept;
    }

    /** Deletes the upload's segments: their objects, then their rows. */
    void delete(UUID id) {
        segments(id).forEach(segment -> objects.delete(segment.name()));
        jdbc.update("delete from upload_segments where upload_id = ?", id);
    }

    /**
     * Appends what {@code body} carries to the upload, which has {@code offset} bytes committed, one
     * segment at a time; {@code hasher} sees each byte as it is read. What arrived before the client
     * went away is kept.
     *
     * @return the bytes committed now
     * @throws RejectedMediaException 409 when another request appended meanwhile (nothing of this one
     *                                is kept from then on), 413 when the body runs past the upload's length
     */
    long append(Upload upload, long offset, InputStream body, StoreFiles.ByteSink hasher) throws IOException {
        UUID id = upload.getId();
        List<Segment> segments = segments(id);
        Segment last = segments.isEmpty() ? null : segments.getLast();
        Segment growing = last != null && last.end() == offset && last.end() - last.start() < segmentSize ? last : null;
        byte[] buffer = new byte[StoreFiles.BUFFER_SIZE];
        long committed = offset;
        boolean more = true;
        while (more && committed < upload.getLength()) {
            long start = growing == null ? committed : growing.start();
            long end = Math.min(start + segmentSize, upload.getLength());
            long position = committed;
            Path spool = Files.createTempFile(spoolDir, id + ".", SUFFIX);
            try {
                try (OutputStream out = Files.newOutputStream(spool)) {
                    if (growing != null) {
                        try (InputStream in = objects.read(growing.name(), 0, growing.end() - growing.start())) {
                            in.transferTo(out);
                        }
                    }
                    while (position < end) {
                        int n = ResumableUploads.read(upload, body, buffer, (int) Math.min(buffer.length, end - position));
                        if (n < 0) {
                            more = false;
                            break;
                        }
                        out.write(buffer, 0, n);
                        hasher.update(buffer, 0, n);
                        position += n;
                    }
                }
                if (position == upload.getLength() && ResumableUploads.read(upload, body, buffer, 1) > 0) {
                    throw new RejectedMediaException(HttpStatus.CONTENT_TOO_LARGE,
                            "The request carries more bytes than the Upload-Length of " + upload.getLength() + ".");
                }
                if (position > committed) {
                    commit(id, spool, start, committed, position, growing);
                    committed = position;
                }
            } finally {
                StoreFiles.deleteQuietly(spool);
            }
            growing = null;
        }
        return committed;
    }

    /** Stores the segment, then records it and the upload's new offset, if that is still {@code from}. */
    private void commit(UUID id, Path spool, long start, long from, long to, Segment replaced) throws IOException {
        String name = FOLDER + id + "." + start + "." + UUID.randomUUID() + SUFFIX;
        objects.put(name, spool);
        Boolean appended = transactions.execute(status -> {
            if (jdbc.update("update uploads set received = ?, updated_at = ? where id = ? and received = ?",
                    to, Timestamp.from(clock.instant()), id, from) != 1) {
                return false;
            }
            jdbc.update("delete from upload_segments where upload_id = ? and start_offset = ?", id, start);
            jdbc.update("insert into upload_segments (upload_id, start_offset, end_offset, object_name) values (?, ?, ?, ?)",
                    id, start, to, name);
            return true;
        });
        if (!Boolean.TRUE.equals(appended)) {
            objects.delete(name);
            log.info("Upload {}: another request appended from offset {} first", id, from);
            throw new RejectedMediaException(HttpStatus.CONFLICT, "Another request appended to this upload meanwhile;"
                    + " ask for its offset (HEAD) and resume from there.");
        }
        if (replaced != null) {
            objects.delete(replaced.name());
        }
    }

    private List<Segment> segments(UUID id) {
        return jdbc.query("select start_offset, end_offset, object_name from upload_segments where upload_id = ?"
                        + " order by start_offset",
                (row, n) -> new Segment(row.getLong(1), row.getLong(2), row.getString(3)), id);
    }

    private record Segment(long start, long end, String name) {
    }

    /** The segments' bytes one after the other, each segment's ranged GET made when the one before ends. */
    private final class Joined extends InputStream {

        private final Iterator<Segment> segments;
        private InputStream current;

        Joined(Iterator<Segment> segments) {
            this.segments = segments;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            while (true) {
                if (current == null) {
                    if (!segments.hasNext()) {
                        return -1;
                    }
                    Segment next = segments.next();
                    current = objects.read(next.name(), 0, next.end() - next.start());
                }
                int n = current.read(bytes, offset, length);
                if (n >= 0) {
                    return n;
                }
                current.close();
                current = null;
            }
        }

        @Override
        public void close() throws IOException {
            if (current != null) {
                current.close();
            }
        }
    }
}
