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
import java.util.List;
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
 * Media files, each named by a random id, in {@link MediaObjects}: on disk under
 * {@code SEEDCAST_DATA_DIR/media}, or in a bucket. A file appears there only once it is complete and
 * accepted: writes go to a temporary file on this node's disk first and are then moved (or uploaded)
 * in whole. Beside each audio or video file lie its torrent piece hashes ({@code {id}.hashes}),
 * computed while the bytes arrived, so its torrent needs no second pass, and for a hybrid its 16 KiB
 * block hashes ({@code {id}.leaves}, 2 MiB per GiB), from which the seed answers BEP 52 hash requests
 * without reading the file again.
 */
@Service
public class MediaStore {

    static final int BUFFER_SIZE = 1 << 20;
    private static final long MAX_IMAGE_SIZE = 10L << 20;

    private final StorageProperties properties;
    private final MediaObjects objects;

    MediaStore(StorageProperties properties, MediaObjects objects) throws IOException {
        this.properties = properties;
        this.objects = objects;
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
            objects.put(mediaName(id), tmp);
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

    /** The file of a stored media id, if it exists (for a bucket, one HEAD request). */
    public Optional<MediaFile> find(UUID id) {
        try {
            long size = objects.size(mediaName(id));
            return size < 0 ? Optional.empty() : Optional.of(new Stored(id, size, objects));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The file of a stored media id whose size the caller knows (the catalog keeps it): on this node's
     * disk only if it is there; in a bucket without asking it, and a file that is gone fails at the read.
     */
    public Optional<MediaFile> locate(UUID id, long size) {
        return properties.storage() == StorageProperties.Backend.FILESYSTEM ? find(id)
                : Optional.of(new Stored(id, size, objects));
    }

    /**
     * Where a child process (ffprobe, ffmpeg) reads a stored file from: its path on this node's disk, or a
     * presigned URL valid for {@code valid} from a bucket, read with ranged GETs (a probe reads the headers and
     * one frame, never the whole multi-GB file); empty when the file is gone or cannot be signed.
     */
    Optional<String> readableLocation(UUID id, java.time.Duration valid) {
        Optional<Path> local = objects.localFile(mediaName(id));
        if (local.isPresent()) {
            return Optional.of(local.get().toAbsolutePath().toString());
        }
        return objects.temporaryUrl(mediaName(id), valid).map(Object::toString);
    }

    /** Whether the file of a stored media id exists. */
    public boolean exists(UUID id) {
        return find(id).isPresent();
    }

    /** The torrent piece hashes computed while the file arrived, if they were kept. */
    public Optional<PieceHashes> hashes(UUID id) {
        try {
            Optional<byte[]> bytes = objects.read(hashesName(id));
            return bytes.isEmpty() ? Optional.empty() : Optional.of(PieceHashes.fromBytes(bytes.get()));
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
            Optional<Path> local = objects.localFile(leavesName(id));
            if (local.isPresent()) {
                return Optional.of(MerkleLayers.open(local.get(), hashes.get()));
            }
            Optional<byte[]> leaves = objects.read(leavesName(id));
            if (leaves.isEmpty()) {
                return Optional.empty();
            }
            MerkleLayers tree = MerkleLayers.of(leaves.get(), hashes.get().fileLength(), hashes.get().pieceLength());
            return Arrays.equals(tree.piecesRoot(), hashes.get().piecesRoot().orElseThrow())
                    ? Optional.of(tree) : Optional.empty();
        } catch (IOException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /**
     * Hashes a stored file anew for a torrent of {@code format} (its kept hashes are of another
     * format), on every core. A hybrid's hashes and leaf layer then replace the kept ones, so the seed
     * can answer hash requests for it like for any other.
     */
    public PieceHashes hashAnew(UUID id, TorrentFormat format) throws IOException {
        return withLocalFile(id, file -> {
            int pieceLength = PieceLength.forFileLength(Files.size(file));
            if (!format.hasV2()) {
                return new FileHasher().hash(file, pieceLength, format);
            }
            PieceHashes hashes = keepingLeaves(id, null,
                    leafFile -> new FileHasher().hash(file, pieceLength, format, leafFile));
            writeHashes(id, hashes);
            return hashes;
        });
    }

    /** Reads a stored file on this node's disk. */
    private interface LocalRead<T> {
        T read(Path file) throws IOException;
    }

    /**
     * Runs {@code read} on the stored file: the file itself on disk; from a bucket, a temporary copy
     * (hashing reads every byte anyway, and the hashers read files).
     */
    private <T> T withLocalFile(UUID id, LocalRead<T> read) throws IOException {
        Optional<Path> local = objects.localFile(mediaName(id));
        if (local.isPresent()) {
            return read.read(local.get());
        }
        Path copy = Files.createTempFile(tmpDir(), id + ".", ".media");
        try {
            objects.download(mediaName(id), copy);
            return read.read(copy);
        } finally {
            deleteQuietly(copy);
        }
    }

    /**
     * Stored hybrids whose leaf layer is not kept beside them (stored before it was, or cut short),
     * with their sizes: what {@link LeafBackfill} hashes once.
     */
    Map<UUID, Long> hybridsWithoutLeaves() throws IOException {
        Map<UUID, Long> missing = new LinkedHashMap<>();
        for (String name : objects.names(HASHES)) {
            UUID id = idOf(name.substring(0, name.length() - HASHES.length()));
            PieceHashes hashes = id == null ? null : hashes(id).filter(h -> h.format().hasV2()).orElse(null);
            if (hashes != null && exists(id) && merkleLayers(id).isEmpty()) {
                missing.put(id, hashes.fileLength());
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
        withLocalFile(id, file -> keepingLeaves(id, kept,
                leafFile -> hasher.hashPieces(file, kept.pieceLength(), TorrentFormat.HYBRID, leafFile)));
        if (!exists(id)) {
            objects.delete(leavesName(id)); // deleted while it was hashed
        }
    }

    /** Hashes a stored file with a leaf file of its own. */
    private interface LeafHashing {
        PieceHashes hash(LeafFile leafFile) throws IOException;
    }

    /**
     * Runs {@code hashing} writing a temporary leaf file, then stores the finished leaves beside the
     * media; when {@code expected} is given, only if they make its pieces root.
     */
    private PieceHashes keepingLeaves(UUID id, PieceHashes expected, LeafHashing hashing) throws IOException {
        Path leaves = Files.createTempFile(tmpDir(), id + ".", LEAVES);
        try {
            PieceHashes hashes;
            try (LeafFile leafFile = LeafFile.create(leaves)) {
                hashes = hashing.hash(leafFile);
                leafFile.finish(hashes.fileLength());
            }
            if (expected != null && !Arrays.equals(hashes.piecesRoot().orElseThrow(), expected.piecesRoot().orElseThrow())) {
                throw new IOException("media " + id + " no longer matches the hashes kept for it");
            }
            objects.put(leavesName(id), leaves);
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
        objects.delete(mediaName(id));
        objects.delete(hashesName(id));
        objects.delete(leavesName(id));
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
     * Moves a complete, accepted file into the store under {@code id}, then stores its hybrid's leaf
     * layer and its piece hashes beside it, in that order and each whole (after the file, so a move
     * that fails leaves no orphan; the hashes last, so hashes kept mean leaves kept). The hashes are
     * taken while the file is still at hand, before it moves. Safe to repeat: a caller that recorded
     * {@code id} before a crash or a failure finds the file stored and, if the hashes were not, has
     * them computed from the stored file.
     */
    StoredMedia adopt(Path complete, UUID id, String mediaType, HashSource source) throws IOException {
        return adopt(id, mediaType, complete, source, name -> objects.put(name, complete));
    }

    /**
     * The same for a file whose bytes are the objects {@code parts}, one after the other (an upload's
     * segments in a bucket): they are joined in the store, and stay for the caller to delete.
     */
    StoredMedia adoptJoined(List<String> parts, UUID id, String mediaType, HashSource source) throws IOException {
        return adopt(id, mediaType, null, source, name -> objects.concatenate(name, parts));
    }

    private interface Placement {
        void into(String name) throws IOException;
    }

    private StoredMedia adopt(UUID id, String mediaType, Path complete, HashSource source, Placement placement)
            throws IOException {
        PieceHashes hashes = hashes(id).orElse(null);
        if (hashes == null) {
            Path leaves = Files.createTempFile(tmpDir(), id + ".", LEAVES);
            try {
                if (exists(id)) {
                    hashes = withLocalFile(id, file -> source.hashesOf(file, leaves));
                } else {
                    hashes = source.hashesOf(complete, leaves);
                    placement.into(mediaName(id));
                }
                if (hashes.format().hasV2()) {
                    objects.put(leavesName(id), leaves);
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
     * a hybrid, its finished leaf layer is in {@code leaves} when this returns. {@code file} is null
     * when the bytes are not on this node's disk (they are joined in the store).
     */
    interface HashSource {
        PieceHashes hashesOf(Path file, Path leaves) throws IOException;
    }

    private void writeHashes(UUID id, PieceHashes hashes) throws IOException {
        Path partial = Files.createTempFile(tmpDir(), id + ".", HASHES);
        try {
            Files.write(partial, hashes.toBytes());
            objects.put(hashesName(id), partial);
        } finally {
            deleteQuietly(partial);
        }
    }

    private static final String MEDIA = ".media";
    private static final String HASHES = ".hashes";
    private static final String LEAVES = ".leaves";

    private static String mediaName(UUID id) {
        return id + MEDIA;
    }

    private static String hashesName(UUID id) {
        return id + HASHES;
    }

    private static String leavesName(UUID id) {
        return id + LEAVES;
    }

    /** A stored file, read through the objects. */
    private record Stored(UUID id, long size, MediaObjects objects) implements MediaFile {

        @Override
        public Optional<Path> localPath() {
            return objects.localFile(mediaName(id));
        }

        @Override
        public InputStream open(long start, long length) throws IOException {
            return objects.read(mediaName(id), start, length);
        }
    }

    private Path tmpDir() {
        return properties.inDataDir("tmp");
    }

    /**
     * Temporary files left by an import that a crash cut short are never media, nor are hashes
     * half-written beside the media (kept in the media directory before they moved here): remove them.
     */
    private void sweepLeftovers() throws IOException {
        try (var leftovers = Files.list(tmpDir())) {
            leftovers.forEach(MediaStore::deleteQuietly);
        }
        if (Files.isDirectory(properties.mediaDir())) {
            try (var partials = Files.list(properties.mediaDir())) {
                partials.filter(path -> path.getFileName().toString().endsWith(".part"))
                        .forEach(MediaStore::deleteQuietly);
            }
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
