package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Where finished media files and the hashes kept beside them live, by name ({@code {id}.media},
 * {@code {id}.hashes}, {@code {id}.leaves}): this node's disk ({@link FileObjects}) or an S3-compatible
 * bucket ({@link BucketObjects}). An object is written whole from a local file and is seen only complete;
 * it never changes afterwards (ids are random and never reused), so a reader may keep what it read.
 */
interface MediaObjects extends AutoCloseable {

    /** Stores the complete local {@code file} as {@code name}, replacing any; {@code file} is gone afterwards. */
    void put(String name, Path file) throws IOException;

    /**
     * Stores the objects {@code parts}, one after the other, as {@code name}, replacing any; the parts
     * stay. In a bucket the store copies them itself (a multipart upload of part copies), so every
     * part but the last must be at least {@link BucketObjects#MIN_PART_SIZE} long.
     */
    void concatenate(String name, List<String> parts) throws IOException;

    /** The object's size in bytes, or -1 when there is none. */
    long size(String name) throws IOException;

    /** A whole object, for the small ones (piece hashes, block hashes); empty when there is none. */
    Optional<byte[]> read(String name) throws IOException;

    /**
     * {@code length} bytes of the object from {@code start}, streamed (never the whole object in memory);
     * blocking: for a bucket, a ranged GET.
     *
     * @throws java.nio.file.NoSuchFileException when there is no such object
     */
    InputStream read(String name, long start, long length) throws IOException;

    /** The object as a file of this node's disk, for zero-copy sends; empty in a bucket. */
    Optional<Path> localFile(String name);

    /**
     * A URL from which a child process (ffprobe) can read the object with ranged GETs for {@code valid}, without
     * credentials of its own: a presigned GET in a bucket; empty on disk, where {@link #localFile} serves.
     */
    Optional<URI> temporaryUrl(String name, Duration valid);

    /** Copies the object to the local file {@code target} (which it replaces). */
    void download(String name, Path target) throws IOException;

    /** Deletes the object if there is one; a failure is logged, and leaves an orphan, never an error. */
    void delete(String name);

    /** The names of the objects ending with {@code suffix}, sorted. */
    List<String> names(String suffix) throws IOException;

    /**
     * The names of the objects that start with {@code prefix} and end with {@code suffix}, last written before
     * {@code cutoff}, sorted; in a bucket only the keys under the prefix are listed.
     */
    List<String> namesWrittenBefore(String prefix, String suffix, Instant cutoff) throws IOException;

    @Override
    void close();
}
