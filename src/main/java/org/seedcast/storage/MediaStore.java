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
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BiFunction;

import org.seedcast.torrent.FileHasher;
import org.seedcast.torrent.InvalidTorrentException;
import org.seedcast.torrent.LeafFile;
import org.seedcast.torrent.MerkleLayers;
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
 * ({@code {id}.hashes}), computed while the bytes arrived, so its torrent needs no second pass, and
 * for a hybrid its 16 KiB block hashes ({@code {id}.leaves}, 2 MiB per GiB), from which the seed
 * answers BEP 52 hash requests without reading the file again.
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
        Path tmp = null;
        Path leaves = null;
        try {
            tmp = Files.createTempFile(tmpDir(), "import-", ".part");
            leaves = format.hasV2() ? Files.createTempFile(tmpDir(), "import-", ".leaves") : null;
            PieceHashes hashes;
            Copied copied;
            try (LeafFile leafFile = leaves == null ? null : LeafFile.create(leaves)) {
                PieceHasher hasher = PieceHasher.start(declaredSize, PieceLength.forFileLength(declaredSize), format, leafFile);
                copied = copy(in, tmp, declaredSize, hasher::update);
                if (copied.size() != declaredSize) {
                    throw new RejectedMediaException(HttpStatus.BAD_REQUEST, "The upload ended after " + copied.size()
                            + " of " + declaredSize + " bytes; nothing was kept.");
                }
                hashes = hasher.finish();
                if (leafFile != null) {
                    leafFile.finish(declaredSize);
                }
            }
            String type = kind(copied, MediaKind::sniffMedia,
                    "Only audio and video files are accepted (checked by their content, not their name).");
            return adopt(tmp, type, hashes, leaves);
        } catch (IOException | UncheckedIOException e) {
            IOException cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : (IOException) e;
            throw isDiskFull(cause) ? diskFull() : interrupted();
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(leaves);
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

    /**
     * The BEP 52 merkle tree of a stored hybrid's file, from the block hashes kept at hashing time;
     * empty for a v1 file and for one whose block hashes are not (yet) kept. Reads the small
     * {@code .hashes} file and checks the leaf file's size, never the media: a caller that answers
     * many requests keeps the result.
     */
    public Optional<MerkleLayers> merkleLayers(UUID id) {
        Optional<PieceHashes> hashes = hashes(id).filter(h -> h.format().hasV2());
        if (hashes.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(MerkleLayers.open(leavesOf(id), hashes.get()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /**
     * Hashes a stored file anew for a torrent of {@code format} (its kept hashes are of another
     * format), on every core. A hybrid's hashes and leaf layer then replace the kept ones, so the seed
     * can answer hash requests for it like for any other.
     */
    public PieceHashes hashAnew(UUID id, TorrentFormat format) throws IOException {
        Path file = pathOf(id);
        int pieceLength = PieceLength.forFileLength(Files.size(file));
        if (!format.hasV2()) {
            return new FileHasher().hash(file, pieceLength, format);
        }
        PieceHashes hashes = keepingLeaves(id, null, leafFile -> new FileHasher().hash(file, pieceLength, format, leafFile));
        writeHashes(id, hashes);
        return hashes;
    }

    /**
     * Stored hybrids whose leaf layer is not kept beside them (stored before it was, or cut short),
     * with their sizes: what {@link LeafBackfill} hashes once.
     */
    Map<UUID, Long> hybridsWithoutLeaves() throws IOException {
        Map<UUID, Long> missing = new LinkedHashMap<>();
        try (var files = Files.list(properties.mediaDir())) {
            for (Path path : (Iterable<Path>) files.sorted()::iterator) {
                String name = path.getFileName().toString();
                if (!name.endsWith(".hashes")) {
                    continue;
                }
                UUID id = idOf(name.substring(0, name.length() - ".hashes".length()));
                PieceHashes hashes = id == null ? null : hashes(id).filter(h -> h.format().hasV2()).orElse(null);
                if (hashes != null && find(id).isPresent() && merkleLayers(id).isEmpty()) {
                    missing.put(id, hashes.fileLength());
                }
            }
        }
        return missing;
    }

    /**
     * Hashes a stored hybrid's file to keep its leaf layer, with {@code hasher}; refuses to keep
     * leaves that do not make the kept pieces root (the file changed under its hashes).
     */
    void keepLeaves(UUID id, FileHasher hasher) throws IOException {
        PieceHashes kept = hashes(id).filter(h -> h.format().hasV2())
                .orElseThrow(() -> new IOException("media " + id + " has no hybrid hashes kept"));
        keepingLeaves(id, kept, leafFile -> hasher.hashPieces(pathOf(id), kept.pieceLength(), TorrentFormat.HYBRID, leafFile));
        if (find(id).isEmpty()) {
            deleteQuietly(leavesOf(id)); // deleted while it was hashed
        }
    }

    /** Hashes a stored file with a leaf file of its own. */
    private interface LeafHashing {
        PieceHashes hash(LeafFile leafFile) throws IOException;
    }

    /**
     * Runs {@code hashing} writing a leaf file beside the media, then moves the finished leaves in
     * atomically; when {@code expected} is given, only if they make its pieces root.
     */
    private PieceHashes keepingLeaves(UUID id, PieceHashes expected, LeafHashing hashing) throws IOException {
        Path leaves = Files.createTempFile(properties.mediaDir(), id + ".leaves.", ".part");
        try {
            PieceHashes hashes;
            try (LeafFile leafFile = LeafFile.create(leaves)) {
                hashes = hashing.hash(leafFile);
                leafFile.finish(hashes.fileLength());
            }
            if (expected != null && !Arrays.equals(hashes.piecesRoot().orElseThrow(), expected.piecesRoot().orElseThrow())) {
                throw new IOException("media " + id + " no longer matches the hashes kept for it");
            }
            Files.move(leaves, leavesOf(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return hashes;
        } finally {
            deleteQuietly(leaves);
        }
    }

    private static UUID idOf(String name) {
        try {
            return UUID.fromString(name);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    public void delete(UUID id) {
        deleteQuietly(pathOf(id));
        deleteQuietly(hashesOf(id));
        deleteQuietly(leavesOf(id));
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

    /**
     * Moves a complete, accepted file into the store under a new id, with its piece hashes and, for
     * a hybrid, the leaf layer kept in {@code leaves} while it was hashed.
     */
    StoredMedia adopt(Path complete, String mediaType, PieceHashes hashes, Path leaves) throws IOException {
        return adopt(complete, UUID.randomUUID(), mediaType, (file, keptLeaves) -> {
            if (leaves != null) {
                Files.move(leaves, keptLeaves, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            return hashes;
        });
    }

    /**
     * Moves a complete, accepted file into the store under {@code id}, then writes its hybrid's leaf
     * layer and its piece hashes beside it, in that order and each atomically (after the move, so a
     * move that fails leaves no orphan; the hashes last, so hashes kept mean leaves kept). Safe to
     * repeat: a caller that recorded {@code id} before a crash or a failure finds the file moved and,
     * if the hashes were not written, has them computed from the file.
     */
    StoredMedia adopt(Path complete, UUID id, String mediaType, HashSource source) throws IOException {
        Path file = pathOf(id);
        if (!Files.isRegularFile(file)) {
            Files.move(complete, file, StandardCopyOption.ATOMIC_MOVE);
        }
        PieceHashes hashes = hashes(id).orElse(null);
        if (hashes == null) {
            Path leaves = properties.mediaDir().resolve(id + ".leaves.part");
            try {
                hashes = source.hashesOf(file, leaves);
                if (hashes.format().hasV2()) {
                    Files.move(leaves, leavesOf(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                deleteQuietly(leaves);
            }
            writeHashes(id, hashes);
        }
        String sha256 = HexFormat.of().formatHex(hashes.fileSha256().orElseThrow());
        return new StoredMedia(id, mediaType, hashes.fileLength(), sha256);
    }

    /**
     * The piece hashes of a complete file, kept from its upload or computed from the file itself; for
     * a hybrid, its finished leaf layer is in {@code leaves} when this returns.
     */
    interface HashSource {
        PieceHashes hashesOf(Path file, Path leaves) throws IOException;
    }

    private void writeHashes(UUID id, PieceHashes hashes) throws IOException {
        Path partial = properties.mediaDir().resolve(id + ".hashes.part");
        Files.write(partial, hashes.toBytes());
        Files.move(partial, hashesOf(id), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }

    Path pathOf(UUID id) {
        return properties.mediaDir().resolve(id + ".media");
    }

    private Path hashesOf(UUID id) {
        return properties.mediaDir().resolve(id + ".hashes");
    }

    private Path leavesOf(UUID id) {
        return properties.mediaDir().resolve(id + ".leaves");
    }

    private Path tmpDir() {
        return properties.inDataDir("tmp");
    }

    /**
     * Temporary files left by an import that a crash cut short are never media, nor are hashes
     * half-written beside the media: remove them.
     */
    private void sweepLeftovers() throws IOException {
        try (var leftovers = Files.list(tmpDir())) {
            leftovers.forEach(MediaStore::deleteQuietly);
        }
        try (var partials = Files.list(properties.mediaDir())) {
            partials.filter(path -> path.getFileName().toString().endsWith(".part")).forEach(MediaStore::deleteQuietly);
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
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
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
        } catch (NoSuchAlgorithmException e) {
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
