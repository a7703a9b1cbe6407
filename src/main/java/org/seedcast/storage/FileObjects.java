package org.seedcast.storage;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Media objects as files of one directory of this node's disk ({@code SEEDCAST_DATA_DIR/media}), moved in
 * atomically from the same disk; the web seed and the seed send them with zero-copy transfers.
 */
final class FileObjects implements MediaObjects {

    private final Path dir;

    FileObjects(Path dir) throws IOException {
        this.dir = Files.createDirectories(dir);
    }

    @Override
    public void put(String name, Path file) throws IOException {
        Files.move(file, dir.resolve(name), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void concatenate(String name, List<String> parts) throws IOException {
        Path joined = dir.resolve(name + ".part");
        try (FileChannel out = FileChannel.open(joined, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING)) {
            for (String part : parts) {
                try (FileChannel in = FileChannel.open(dir.resolve(part), StandardOpenOption.READ)) {
                    for (long done = 0, size = in.size(); done < size; ) {
                        done += in.transferTo(done, size - done, out);
                    }
                }
            }
        }
        put(name, joined);
    }

    @Override
    public long size(String name) throws IOException {
        Path path = dir.resolve(name);
        return Files.isRegularFile(path) ? Files.size(path) : -1;
    }

    @Override
    public Optional<byte[]> read(String name) throws IOException {
        Path path = dir.resolve(name);
        return Files.isRegularFile(path) ? Optional.of(Files.readAllBytes(path)) : Optional.empty();
    }

    @Override
    public InputStream read(String name, long start, long length) throws IOException {
        FileChannel channel = FileChannel.open(dir.resolve(name), StandardOpenOption.READ);
        channel.position(start);
        return new Limited(Channels.newInputStream(channel), length);
    }

    @Override
    public Optional<Path> localFile(String name) {
        Path path = dir.resolve(name);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    @Override
    public Optional<URI> temporaryUrl(String name, Duration valid) {
        return Optional.empty();
    }

    @Override
    public void download(String name, Path target) throws IOException {
        Path path = dir.resolve(name);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString());
        }
        Files.copy(path, target, StandardCopyOption.REPLACE_EXISTING);
    }

    @Override
    public void delete(String name) {
        StoreFiles.deleteQuietly(dir.resolve(name));
    }

    @Override
    public List<String> names(String suffix) throws IOException {
        try (var files = Files.list(dir)) {
            return files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(suffix)).sorted()
                    .toList();
        }
    }

    @Override
    public List<String> namesWrittenBefore(String prefix, String suffix, Instant cutoff) throws IOException {
        List<String> old = new ArrayList<>();
        for (String name : names(suffix)) {
            if (!name.startsWith(prefix)) {
                continue;
            }
            try {
                if (Files.getLastModifiedTime(dir.resolve(name)).toInstant().isBefore(cutoff)) {
                    old.add(name);
                }
            } catch (NoSuchFileException deletedMeanwhile) {
                // not there any more: nothing to list
            }
        }
        return old;
    }

    @Override
    public void close() {
        // nothing held open
    }

    /** The first {@code remaining} bytes of a stream. */
    private static final class Limited extends FilterInputStream {

        private long remaining;

        Limited(InputStream in, long remaining) {
            super(in);
            this.remaining = remaining;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = super.read();
            remaining -= b < 0 ? 0 : 1;
            return b;
        }

        @Override
        public int read(byte[] bytes, int offset, int length) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = super.read(bytes, offset, (int) Math.min(length, remaining));
            remaining -= Math.max(n, 0);
            return n;
        }
    }
}
