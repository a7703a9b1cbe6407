package org.seedcast.storage;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Where Seedcast keeps its files and how big an upload may be. The one binding of
 * {@code seedcast.data-dir} and {@code seedcast.uploads.*}: the other modules that keep files
 * under the data directory (the embedded database, the publisher's key, the tracker's
 * connection-id key, the web app's multipart spool) and the multipart limit read them here.
 *
 * @param dataDir {@code SEEDCAST_DATA_DIR}: everything Seedcast keeps on disk lives under it: media files in
 *                {@code media/}, uploads in progress in {@code uploads/}, the embedded database in
 *                {@code postgres/}, the publisher's key in {@code publisher/}, the tracker's state in {@code tracker/}
 * @param uploads upload limits
 * @param storage {@code SEEDCAST_STORAGE}: where finished media files, their piece hashes and block hashes are kept:
 *                {@code filesystem} (under the data directory) or {@code s3} (a bucket that every node reads, so
 *                nothing of an episode stays only on one node's disk); with {@code s3}, resumable uploads in
 *                progress are kept in the bucket too, so any web node continues them; with {@code filesystem}
 *                they are files of the data directory, which web nodes share only if it is a shared filesystem
 * @param s3      the S3-compatible store, when {@code storage} is {@code s3}
 * @param mediaFacts what ffprobe and ffmpeg read from an episode's media, when they are installed
 */
@ConfigurationProperties("seedcast")
public record StorageProperties(@DefaultValue("./data") Path dataDir, @DefaultValue Uploads uploads,
                                @DefaultValue("filesystem") Backend storage, @DefaultValue S3 s3,
                                @DefaultValue MediaFacts mediaFacts) {

    /** Where finished media are kept. */
    public enum Backend {
        /** Files under the data directory of this node. */
        FILESYSTEM,
        /** Objects in an S3-compatible bucket. */
        S3
    }

    /**
     * @param endpoint  {@code SEEDCAST_S3_ENDPOINT}: the store's URL ({@code http://minio:9000}); unset for AWS itself.
     *                  Objects are addressed by path ({@code endpoint/bucket/key}), which every S3-compatible store
     *                  understands
     * @param bucket    {@code SEEDCAST_S3_BUCKET}: the bucket, which must exist; its objects are named
     *                  {@code media/{id}.media}, {@code .hashes} and {@code .leaves}
     * @param region    {@code SEEDCAST_S3_REGION}: the region signed into requests; most other stores accept any
     * @param accessKey {@code SEEDCAST_S3_ACCESS_KEY}; unset to use the SDK's default credentials (environment,
     *                  instance profile)
     * @param secretKey {@code SEEDCAST_S3_SECRET_KEY}
     */
    public record S3(URI endpoint, String bucket, @DefaultValue("us-east-1") String region, String accessKey,
                     String secretKey) {

        /** Without the secret key: this record may end up in a log line or a failure report. */
        @Override
        public String toString() {
            return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", region=" + region + ", accessKey=" + accessKey
                    + ", secretKey=" + (secretKey == null ? "(none)" : "(hidden)") + "]";
        }
    }

    /**
     * @param ffprobe {@code SEEDCAST_MEDIA_FACTS_FFPROBE}: the ffprobe that reads an upload's duration, dimensions,
     *                container and codecs (Debian package {@code ffmpeg}); a bare name is looked for on the
     *                {@code PATH}. Without it Seedcast works as before, with no media facts, and says so once in the log
     * @param ffmpeg  {@code SEEDCAST_MEDIA_FACTS_FFMPEG}: the ffmpeg that takes a video's poster frame; a bare name is
     *                looked for on the {@code PATH}
     * @param timeout      {@code SEEDCAST_MEDIA_FACTS_TIMEOUT}: how long one run of either may take before it is
     *                     killed; a file that keeps ffprobe busy that long is marked unreadable at once, not tried
     *                     again, so it holds the reader for one time limit only. Reading from a bucket, a read or
     *                     connection that stays silent for half of it fails as the bucket out of reach
     * @param retries      {@code SEEDCAST_MEDIA_FACTS_RETRIES}: how many times a read that failed for a passing
     *                     reason (the bucket out of reach or silent) is tried again, each at the back of the queue,
     *                     before the file is marked unreadable; a file ffprobe reads but finds no media in is
     *                     marked at once
     * @param retryBackoff {@code SEEDCAST_MEDIA_FACTS_RETRY_BACKOFF}: the wait before the first retry, doubled
     *                     before each next one
     */
    public record MediaFacts(@DefaultValue("ffprobe") String ffprobe, @DefaultValue("ffmpeg") String ffmpeg,
                             @DefaultValue("1m") Duration timeout, @DefaultValue("3") int retries,
                             @DefaultValue("30s") Duration retryBackoff) {

        /** The defaults above, for tests and tools that bind no settings. */
        public static final MediaFacts DEFAULT = new MediaFacts("ffprobe", "ffmpeg", Duration.ofMinutes(1), 3,
                Duration.ofSeconds(30));

        public MediaFacts {
            if (!timeout.isPositive()) {
                throw new IllegalArgumentException("seedcast.media-facts.timeout must be positive");
            }
            if (retries < 0 || !retryBackoff.isPositive()) {
                throw new IllegalArgumentException(
                        "seedcast.media-facts.retries must not be negative, seedcast.media-facts.retry-backoff positive");
            }
        }

        /** The same settings with another ffprobe, ffmpeg and time limit. */
        public MediaFacts running(String ffprobe, String ffmpeg, Duration timeout) {
            return new MediaFacts(ffprobe, ffmpeg, timeout, retries, retryBackoff);
        }
    }

    @ConstructorBinding
    public StorageProperties {
        if (storage == Backend.S3 && (s3 == null || s3.bucket() == null || s3.bucket().isBlank())) {
            throw new IllegalArgumentException("SEEDCAST_STORAGE=s3 needs SEEDCAST_S3_BUCKET");
        }
        if (storage == Backend.S3 && uploads != null && uploads.segmentSize().toBytes() < BucketObjects.MIN_PART_SIZE) {
            throw new IllegalArgumentException("SEEDCAST_UPLOADS_SEGMENT_SIZE must be at least 5MB: S3 joins the segments"
                    + " as multipart parts, and refuses smaller ones");
        }
    }

    /** Settings that keep media on the filesystem, for tests and tools that need only the data directory. */
    public StorageProperties(Path dataDir, Uploads uploads) {
        this(dataDir, uploads, Backend.FILESYSTEM, null, MediaFacts.DEFAULT);
    }

    /**
     * @param maxSize          the largest media file accepted ({@code SEEDCAST_UPLOADS_MAX_SIZE}), resumable or as
     *                         one multipart body
     * @param freeSpaceReserve space a new upload must leave free on the data disk, which it shares with the
     *                         embedded database ({@code SEEDCAST_UPLOADS_FREE_SPACE_RESERVE})
     * @param maxUnfinished    unfinished resumable uploads one user may hold at once ({@code SEEDCAST_UPLOADS_MAX_UNFINISHED})
     * @param idleHasher       how long an upload's piece hasher stays in memory without an append; it is
     *                         rebuilt from the bytes received when the upload resumes
     * @param segmentSize      with {@code SEEDCAST_STORAGE=s3}, the size of the objects a resumable upload is kept
     *                         in while it arrives ({@code SEEDCAST_UPLOADS_SEGMENT_SIZE}); a node holds one segment
     *                         on its disk while it fills, and an interrupted append keeps what it stored. S3 joins
     *                         them into the media file as multipart parts, which must be at least 5 MB long (a
     *                         smaller size is refused at start)
     */
    public record Uploads(@DefaultValue("20GB") DataSize maxSize, @DefaultValue("1GB") DataSize freeSpaceReserve,
                          @DefaultValue("8") int maxUnfinished, @DefaultValue("10m") Duration idleHasher,
                          @DefaultValue("8MB") DataSize segmentSize) {
    }

    /** {@code name} under the data directory, as an absolute path. */
    public Path inDataDir(String name) {
        return dataDir.toAbsolutePath().normalize().resolve(name);
    }

    Path mediaDir() {
        return inDataDir("media");
    }

    Path uploadsDir() {
        return inDataDir("uploads");
    }
}
