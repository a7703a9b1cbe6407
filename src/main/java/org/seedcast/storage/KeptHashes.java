package org.seedcast.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.seedcast.torrent.FileHasher;
import org.seedcast.torrent.InvalidTorrentException;
import org.seedcast.torrent.LeafFile;
import org.seedcast.torrent.MerkleLayers;
import org.seedcast.torrent.PieceHashes;
import org.seedcast.torrent.PieceLength;
import org.seedcast.torrent.TorrentFormat;

import static org.seedcast.storage.MediaStore.HASHES;
import static org.seedcast.storage.MediaStore.LEAVES;
import static org.seedcast.storage.StoreFiles.deleteQuietly;
import static org.seedcast.storage.MediaStore.hashesName;
import static org.seedcast.storage.MediaStore.leavesName;
import static org.seedcast.storage.MediaStore.mediaName;

/**
 * What {@link MediaStore} keeps beside each stored audio or video file: its torrent piece hashes
 * ({@code {id}.hashes}) and, for a hybrid, its 16 KiB block hashes ({@code {id}.leaves}), each stored whole;
 * and the hashing of a stored file anew when they are missing or of another format.
 */
final class KeptHashes {

    private final MediaObjects objects;
    private final Path tmpDir;

    KeptHashes(MediaObjects objects, Path tmpDir) {
        this.objects = objects;
        this.tmpDir = tmpDir;
    }

    /** The torrent piece hashes computed while the file arrived, if they were kept. */
    Optional<PieceHashes> hashes(UUID id) {
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
    Optional<MerkleLayers> merkleLayers(UUID id) {
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
    PieceHashes hashAnew(UUID id, TorrentFormat format) throws IOException {
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
    interface LocalRead<T> {
        T read(Path file) throws IOException;
    }

    /**
     * Runs {@code read} on the stored file: the file itself on disk; from a bucket, a temporary copy
     * (hashing reads every byte anyway, and the hashers read files).
     */
    <T> T withLocalFile(UUID id, LocalRead<T> read) throws IOException {
        Optional<Path> local = objects.localFile(mediaName(id));
        if (local.isPresent()) {
            return read.read(local.get());
        }
        Path copy = Files.createTempFile(tmpDir, id + ".", ".media");
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
        Path leaves = Files.createTempFile(tmpDir, id + ".", LEAVES);
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

    void writeHashes(UUID id, PieceHashes hashes) throws IOException {
        Path partial = Files.createTempFile(tmpDir, id + ".", HASHES);
        try {
            Files.write(partial, hashes.toBytes());
            objects.put(hashesName(id), partial);
        } finally {
            deleteQuietly(partial);
        }
    }

    private boolean exists(UUID id) throws IOException {
        return objects.size(mediaName(id)) >= 0;
    }
}
