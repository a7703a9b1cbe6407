package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

/** A stored media file's bytes, wherever the store keeps them: this node's disk or a bucket. */
public interface MediaFile {

    /** The stored media id. */
    UUID id();

    /** Bytes. */
    long size();

    /** The file on this node's disk, which zero-copy transfers send from; empty when it is in a bucket. */
    Optional<Path> localPath();

    /**
     * {@code length} bytes from {@code start}, streamed; blocking (a ranged GET for a bucket), so never
     * on an event loop.
     *
     * @throws java.nio.file.NoSuchFileException when the file is gone
     */
    InputStream open(long start, long length) throws IOException;
}
