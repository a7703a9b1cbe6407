package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;

/**
 * Media files on disk under {@code SEEDCAST_DATA_DIR/media}, each named by a random id. A file
 * appears there only once it is complete and accepted: writes go to a temporary file first and
 * are moved in atomically.
 */
@Service
public class MediaStore {

    static final int BUFFER_SIZE = 1 << 20;

    private final StorageProperties properties;

    MediaStore(StorageProperties properties) throws IOException {
        this.properties = properties;
        Files.createDirectories(properties.mediaDir());
        Files.createDirectories(tmpDir());
        sweepLeftovers();
    }

    /** Temporary files left by an import that a crash cut short are never media: remove them. */
    private void sweepLeftovers() throws IOException {
        try (var leftovers = Files.list(tmpDir())) {
            leftovers.forEach(MediaStore::deleteQuietly);
        }
    }

    /** Streams audio or video into the store; rejects anything else, or anything over the size limit. */
    public StoredMedia importMedia(InputStream in) {
        return importStream(in, properties.uploads().maxSize().toBytes(), MediaKind::sniffMedia,
                "Only audio and video files are accepted (checked by their content, not their name).");
    }

    /** Streams a PNG, JPEG or WebP image (show artwork, at most 10 MB) into the store. */
    public StoredMedia importImage(InputStream in) {
        return importStream(in, 10L << 20, MediaKind::sniffImage, "Artwork must be a PNG, JPEG or WebP image.");
    }

    /** The largest audio or video file accepted, in bytes ({@code SEEDCAST_UPLOADS_MAX_SIZE}). */
    public long maxUploadSize() {
        return properties.uploads().maxSize().toBytes();
    }

    /** The file of a stored media id, if it exists. */
    public Optional<Path> find(UUID id) {
        Path path = pathOf(id);
        return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
    }

    public void delete(UUID id) {
        try {
            Files.deleteIfExists(pathOf(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Moves a finished upload into the store under a new id. */
    StoredMedia adopt(Path complete, String mediaType, long size, String sha256) throws IOException {
        UUID id = UUID.randomUUID();
        Files.move(complete, pathOf(id), StandardCopyOption.ATOMIC_MOVE);
        return new StoredMedia(id, mediaType, size, sha256);
    }

    Path pathOf(UUID id) {
        return properties.mediaDir().resolve(id + ".media");
    }

    private Path tmpDir() {
        return properties.dataDir().toAbsolutePath().normalize().resolve("tmp");
    }

    private StoredMedia importStream(InputStream in, long maxSize,
                                     BiFunction<byte[], Integer, Optional<String>> sniffer, String wrongKind) {
        Path tmp = null;
        try {
            tmp = Files.createTempFile(tmpDir(), "import-", ".part");
            StoredMedia media = copyAndCheck(in, tmp, maxSize, sniffer, wrongKind);
            return adopt(tmp, media.mediaType(), media.size(), media.sha256());
        } catch (IOException e) {
            throw new RejectedMediaException(HttpStatus.BAD_REQUEST, "The upload was interrupted; nothing was kept.");
        } finally {
            deleteQuietly(tmp);
        }
    }

    private static StoredMedia copyAndCheck(InputStream in, Path tmp, long maxSize,
                                            BiFunction<byte[], Integer, Optional<String>> sniffer,
                                            String wrongKind) throws IOException {
        MessageDigest sha256 = sha256();
        byte[] buffer = new byte[BUFFER_SIZE];
        byte[] head = new byte[MediaKind.SNIFF_LENGTH];
        int headLength = 0;
        long size = 0;
        try (FileChannel out = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                size += n;
                if (size > maxSize) {
                    throw new RejectedMediaException(HttpStatus.CONTENT_TOO_LARGE,
                            "The file is larger than the limit of " + maxSize + " bytes.");
                }
                int take = Math.min(n, head.length - headLength);
                System.arraycopy(buffer, 0, head, headLength, take);
                headLength += take;
                sha256.update(buffer, 0, n);
                out.write(ByteBuffer.wrap(buffer, 0, n));
            }
        }
        if (size == 0) {
            throw new RejectedMediaException(HttpStatus.BAD_REQUEST, "The file is empty.");
        }
        String type = sniffer.apply(head, headLength)
                .orElseThrow(() -> new RejectedMediaException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, wrongKind));
        return new StoredMedia(null, type, size, HexFormat.of().formatHex(sha256.digest()));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover temporary file is swept at the next start
            }
        }
    }
}
