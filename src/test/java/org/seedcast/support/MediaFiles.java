package org.seedcast.support;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.UUID;

import org.seedcast.storage.MediaFile;

/** A test's file as the store hands it out: on this node's disk, or as if it were in a bucket. */
public final class MediaFiles {

    private MediaFiles() {
    }

    /** {@code file} as a stored file on this node's disk. */
    public static MediaFile onDisk(Path file) {
        return new Bytes(file, true, sizeOf(file));
    }

    /**
     * {@code file} as a stored file in a bucket: no local path, only ranged reads, and its size as the
     * catalog knows it (taken now), whether or not the file is still there when it is read.
     */
    public static MediaFile inBucket(Path file) {
        return new Bytes(file, false, sizeOf(file));
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Bytes(Path file, boolean local, long size) implements MediaFile {

        @Override
        public UUID id() {
            return UUID.nameUUIDFromBytes(file.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public Optional<Path> localPath() {
            return local ? Optional.of(file) : Optional.empty();
        }

        @Override
        public InputStream open(long start, long length) throws IOException {
            if (!Files.exists(file)) {
                throw new NoSuchFileException(file.toString());
            }
            try (InputStream in = Files.newInputStream(file)) {
                in.skipNBytes(start);
                return new ByteArrayInputStream(in.readNBytes((int) length));
            }
        }
    }
}
