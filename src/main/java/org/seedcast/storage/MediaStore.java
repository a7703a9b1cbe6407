package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
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

import org.seedcast.torrent.InvalidTorrentException;
import org.seedcast.torrent.PieceHasher;
import org.seedcast.torrent.PieceHashes;
import org.seedcast.torrent.PieceLength;
import org.seedcast.torrent.TorrentFormat;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Media files on disk under {@code SEEDCAST_DATA_DIR/media}, each named by a random id. A file
 * appears there only once it is complete and accepted: writes go to a temporary file first and
 * are moved in atomically. Beside each audio or video file lie its torrent piece hashes
 * ({@code {id}.hashes}), computed while the bytes arrived, so its torrent needs no second pass.
 */
@Service
public class MediaStore {

    static final int BUFFER_SIZE = 1 << 20;
    private static final long MAX_IMAGE_SIZE = 10L << 20;

    private final StorageProperties properties;

    MediaStore(StorageProperties properties) throws IOException {
        this.properties = properties;
        Files.createDirectories(properties.mediaDir());
        Files.createDirectories(tmpDir());
        sweepLeftovers();
    }

    /**
     * Streams audio or video of {@code declaredSize} bytes into the store, hashing it for a
     * torrent of {@code format} on the way; rejects anything else, anything over the size
     * limit, and a stream that ends before or runs past its declared size.
     */
    public StoredMedia importMedia(InputStream in, long declaredSize, TorrentFormat format) {
        if (declaredSize <= 0) {
            throw new RejectedMediaException(HttpStatus.BAD_REQUEST, "The file is empty.");
        }
        if (declaredSize > maxUploadSize()) {
            throw tooLarge(maxUploadSize());
        }
        PieceHasher hasher = PieceHasher.start(declaredSize, PieceLength.forFileLength(declaredSize), format);
        Path tmp = null;
        try {
            tmp = Files.createTempFile(tmpDir(), "import-", ".part");
            Copied copied = copy(in, tmp, declaredSize, hasher::update);
            if (copied.size() != declaredSize) {
                throw new RejectedMediaException(HttpStatus.BAD_REQUEST, "The upload ended after " + copied.size()
                        + " of " + declaredSize + " bytes; nothing was kept.");
            }
            String type = kind(copied, MediaKind::sniffMedia,
                    "Only audio and video files are accepted (checked by their content, not their name).");
            return adopt(tmp, type, hasher.finish());
        } catch (IOException e) {
            throw isDiskFull(e) ? diskFull() : interrupted();
        } finally {
            deleteQuietly(tmp);
        }
    }

    /** Streams a PNG, JPEG or WebP image (show artwork, at most 10 MB) into the store. */
    public StoredMedia importImage(InputStream in) {
        MessageDigest sha256 = sha256();
        Path tmp = null;
        try {
            tmp = Files.createTempFile(tmpDir(), "import-", ".part");
            Copied copied = copy(in, tmp, MAX_IMAGE_SIZE, sha256::update);
            String type = kind(copied, MediaKind::sniffImage, "Artwork must be a PNG, JPEG or WebP image.");
            UUID id = UUID.randomUUID();
            Files.move(tmp, pathOf(id), StandardCopyOption.ATOMIC_MOVE);
            return new StoredMedia(id, type, copied.size(), HexFormat.of().formatHex(sha256.digest()));
        } catch (IOException e) {
            throw isDiskFull(e) ? diskFull() : interrupted();
        } finally {
            deleteQuietly(tmp);
        }
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

    /** The torrent piece hashes computed while the file arrived, if they were kept. */
    public Optional<PieceHashes> hashes(UUID id) {
        Path path = hashesOf(id);
        if (!Files.isRegularFile(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(PieceHashes.fromBytes(Files.readAllBytes(path)));
        } catch (IOException | InvalidTorrentException e) {
            return Optional.empty();
        }
    }

    /** The BEP 52 merkle tree of a stored hybrid's file, from the block hashes kept at hashing time. */
    public Optional<org.seedcast.torrent.MerkleLayers> merkleLayers(UUID id) {
        return Optional.empty(); // helper 'hashes' implements this
    }

    public void delete(UUID id) {
        deleteQuietly(pathOf(id));
        deleteQuietly(hashesOf(id));
    }

    /**
     * Deletes a stored file once the current transaction commits, never before: a delete that
     * rolls back (a concurrent change, a constraint) must leave the row's file in place. Outside
     * a transaction it deletes at once.
     */
    public void deleteAfterCommit(UUID id) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            delete(id);
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                delete(id);
            }
        });
    }

    /** Moves a complete, accepted file into the store under a new id, with its piece hashes. */
    StoredMedia adopt(Path complete, String mediaType, PieceHashes hashes) throws IOException {
        return adopt(complete, UUID.randomUUID(), mediaType, file -> hashes);
    }

    /**
     * Moves a complete, accepted file into the store under {@code id}, then writes its piece hashes
     * beside it (after the move, so a move that fails leaves no orphan). Safe to repeat: a caller
     * that recorded {@code id} before a crash or a failure finds the file moved and, if the hashes
     * were not written, has them computed from the file.
     */
    StoredMedia adopt(Path complete, UUID id, String mediaType, HashSource source) throws IOException {
        Path file = pathOf(id);
        if (!Files.isRegularFile(file)) {
            Files.move(complete, file, StandardCopyOption.ATOMIC_MOVE);
        }
        PieceHashes hashes = hashes(id).orElse(null);
        if (hashes == null) {
            hashes = source.hashesOf(file);
            Path partial = properties.mediaDir().resolve(id + ".hashes.part");
            Files.write(partial, hashes.toBytes());
            Files.move(partial, hashesOf(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        String sha256 = HexFormat.of().formatHex(hashes.fileSha256().orElseThrow());
        return new StoredMedia(id, mediaType, hashes.fileLength(), sha256);
    }

    /** The piece hashes of a complete file: kept from its upload, or computed from the file itself. */
    interface HashSource {
        PieceHashes hashesOf(Path file) throws IOException;
    }

    Path pathOf(UUID id) {
        return properties.mediaDir().resolve(id + ".media");
    }

    private Path hashesOf(UUID id) {
        return properties.mediaDir().resolve(id + ".hashes");
    }

    private Path tmpDir() {
        return properties.dataDir().toAbsolutePath().normalize().resolve("tmp");
    }

    /** Temporary files left by an import that a crash cut short are never media: remove them. */
    private void sweepLeftovers() throws IOException {
        try (var leftovers = Files.list(tmpDir())) {
            leftovers.forEach(MediaStore::deleteQuietly);
        }
    }

    /** Something that sees every byte copied, in order: a digest or a piece hasher. */
    interface ByteSink {
        void update(byte[] bytes, int offset, int length);
    }

    private record Copied(long size, byte[] head, int headLength) {
    }

    private static Copied copy(InputStream in, Path target, long maxSize, ByteSink sink) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        byte[] head = new byte[MediaKind.SNIFF_LENGTH];
        int headLength = 0;
        long size = 0;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (size + n > maxSize) {
                    throw tooLarge(maxSize);
                }
                size += n;
                int take = Math.min(n, head.length - headLength);
                System.arraycopy(buffer, 0, head, headLength, take);
                headLength += take;
                sink.update(buffer, 0, n);
                out.write(ByteBuffer.wrap(buffer, 0, n));
            }
        }
        return new Copied(size, head, headLength);
    }

    private static String kind(Copied copied, BiFunction<byte[], Integer, Optional<String>> sniffer, String wrongKind) {
        if (copied.size() == 0) {
            throw new RejectedMediaException(HttpStatus.BAD_REQUEST, "The file is empty.");
        }
        return sniffer.apply(copied.head(), copied.headLength())
                .orElseThrow(() -> new RejectedMediaException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, wrongKind));
    }

    static RejectedMediaException tooLarge(long maxSize) {
        return new RejectedMediaException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than the limit of " + maxSize + " bytes.");
    }

    /** ENOSPC and its relatives, as the JDK words them: the server's fault, not the client's. */
    static boolean isDiskFull(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(java.util.Locale.ROOT);
        return message.contains("no space left") || message.contains("disk quota exceeded")
                || message.contains("not enough space");
    }

    private static RejectedMediaException diskFull() {
        return new RejectedMediaException(HttpStatus.INSUFFICIENT_STORAGE, "Disk full",
                "The server's disk is full; nothing was kept. Try again once space is freed.");
    }

    private static RejectedMediaException interrupted() {
        return new RejectedMediaException(HttpStatus.BAD_REQUEST, "The upload was interrupted; nothing was kept.");
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
