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
        return new Bytes(file, true);
    }

    /** {@code file} as a stored file in a bucket: no local path, only ranged reads. */
    public static MediaFile inBucket(Path file) {
        return new Bytes(file, false);
    }

    private record Bytes(Path file, boolean local) implements MediaFile {

        @Override
        public UUID id() {
            return UUID.nameUUIDFromBytes(file.toString().getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public long size() {
            try {
                return Files.size(file);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
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
