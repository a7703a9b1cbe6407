package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.seedcast.torrent.FileHasher;
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

import static org.seedcast.storage.StoreFiles.copy;
import static org.seedcast.storage.StoreFiles.deleteQuietly;
import static org.seedcast.storage.StoreFiles.diskFull;
import static org.seedcast.storage.StoreFiles.interrupted;
import static org.seedcast.storage.StoreFiles.isDiskFull;
import static org.seedcast.storage.StoreFiles.kind;
import static org.seedcast.storage.StoreFiles.sha256;
import static org.seedcast.storage.StoreFiles.tooLarge;

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

    private static final long MAX_IMAGE_SIZE = 10L << 20;

    private final StorageProperties properties;
    private final MediaObjects objects;
    private final KeptHashes kept;

    MediaStore(StorageProperties properties, MediaObjects objects) throws IOException {
        this.properties = properties;
        this.objects = objects;
        this.kept = new KeptHashes(objects, tmpDir());
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
            StoreFiles.Copied copied;
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
            StoreFiles.Copied copied = copy(in, tmp, MAX_IMAGE_SIZE, sha256::update);
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
        return kept.hashes(id);
    }

    /**
     * The BEP 52 merkle tree of a stored hybrid's file, from the block hashes kept at hashing time; empty for a
     * v1 file and for one whose block hashes are not (yet) kept. A caller that answers many requests keeps it.
     */
    public Optional<MerkleLayers> merkleLayers(UUID id) {
        return kept.merkleLayers(id);
    }

    /**
     * Hashes a stored file anew for a torrent of {@code format} (its kept hashes are of another format); a
     * hybrid's hashes and leaf layer then replace the kept ones.
     */
    public PieceHashes hashAnew(UUID id, TorrentFormat format) throws IOException {
        return kept.hashAnew(id, format);
    }

    /** Stored hybrids whose leaf layer is not kept beside them, with their sizes: what {@link LeafBackfill} hashes. */
    Map<UUID, Long> hybridsWithoutLeaves() throws IOException {
        return kept.hybridsWithoutLeaves();
    }

    /** Hashes a stored hybrid's file to keep its leaf layer (see {@link KeptHashes#keepLeaves}). */
    void keepLeaves(UUID id, FileHasher hasher) throws IOException {
        kept.keepLeaves(id, hasher);
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
        PieceHashes hashes = kept.hashes(id).orElse(null);
        if (hashes == null) {
            Path leaves = Files.createTempFile(tmpDir(), id + ".", LEAVES);
            try {
                if (exists(id)) {
                    hashes = kept.withLocalFile(id, file -> source.hashesOf(file, leaves));
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
            kept.writeHashes(id, hashes);
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

    static final String MEDIA = ".media";
    static final String HASHES = ".hashes";
    static final String LEAVES = ".leaves";

    static String mediaName(UUID id) {
        return id + MEDIA;
    }

    static String hashesName(UUID id) {
        return id + HASHES;
    }

    static String leavesName(UUID id) {
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
            leftovers.forEach(StoreFiles::deleteQuietly);
        }
        if (Files.isDirectory(properties.mediaDir())) {
            try (var partials = Files.list(properties.mediaDir())) {
                partials.filter(path -> path.getFileName().toString().endsWith(".part"))
                        .forEach(StoreFiles::deleteQuietly);
            }
        }
    }
}
