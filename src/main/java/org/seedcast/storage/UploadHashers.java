package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.seedcast.torrent.LeafFile;
import org.seedcast.torrent.PieceHasher;
import org.seedcast.torrent.PieceHashes;
import org.seedcast.torrent.PieceLength;

/**
 * The running piece hashers of unfinished uploads, kept between appends so that an upload is read
 * from the network once and hashed as it arrives. A hasher is only a cache: after a restart, an
 * eviction, a failed append or an upload continued on another node, it is rebuilt from the bytes
 * received (on disk, or in the bucket). A hybrid's hasher also writes the upload's leaf file (its
 * block hashes) on this node's disk: a cache like the hasher, rebuilt with it. Callers hold the
 * upload's lock.
 */
final class UploadHashers {

    private final Map<UUID, Held> held = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Function<UUID, Path> leavesPath;

    UploadHashers(Clock clock, Function<UUID, Path> leavesPath) {
        this.clock = clock;
        this.leavesPath = leavesPath;
    }

    /** The bytes an upload received so far, from its first. */
    interface Received {
        InputStream open() throws IOException;
    }

    /**
     * The upload's hasher at {@code offset}: the held one if it has seen exactly that many bytes,
     * else one rebuilt from {@code part}; a hybrid's rebuilt hasher writes the leaf file again from
     * its first block.
     */
    PieceHasher at(Upload upload, Received part, long offset) {
        Held current = held.get(upload.getId());
        if (current != null && current.hasher().position() == offset) {
            held.put(upload.getId(), new Held(current.hasher(), current.leaves(), clock.instant()));
            return current.hasher();
        }
        drop(upload.getId());
        LeafFile leaves = null;
        try {
            leaves = upload.getTorrentFormat().hasV2() ? LeafFile.create(leavesPath.apply(upload.getId())) : null;
            PieceHasher hasher = rebuilt(upload, part, offset, leaves);
            held.put(upload.getId(), new Held(hasher, leaves, clock.instant()));
            return hasher;
        } catch (IOException e) {
            closeQuietly(leaves);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            closeQuietly(leaves);
            throw e;
        }
    }

    /**
     * The hashes of the complete upload, from its held hasher when it saw every byte, else from the
     * bytes received; a hybrid's leaf layer goes to {@code leaves}.
     */
    PieceHashes finish(Received file, Path leaves, Upload upload) throws IOException {
        Held current = held.remove(upload.getId());
        if (current != null && current.hasher().position() == upload.getLength()) {
            // taken out first: a hasher finishes once, and a retry after a failure here rebuilds one
            try (LeafFile leafFile = current.leaves()) {
                PieceHashes hashes = current.hasher().finish();
                if (leafFile != null) {
                    leafFile.finish(upload.getLength());
                    Files.move(leafFile.path(), leaves, StandardCopyOption.ATOMIC_MOVE,
                            StandardCopyOption.REPLACE_EXISTING);
                }
                return hashes;
            }
        }
        if (current != null) {
            closeQuietly(current.leaves());
        }
        try (LeafFile leafFile = upload.getTorrentFormat().hasV2() ? LeafFile.create(leaves) : null) {
            PieceHashes hashes = rebuilt(upload, file, upload.getLength(), leafFile).finish();
            if (leafFile != null) {
                leafFile.finish(upload.getLength());
            }
            return hashes;
        }
    }

    /** Forgets an upload's hasher and closes its leaf file (the file stays for a rebuilt hasher to overwrite). */
    void drop(UUID id) {
        Held current = held.remove(id);
        if (current != null) {
            closeQuietly(current.leaves());
        }
    }

    /** The uploads whose hasher has not been used since {@code cutoff}. */
    List<UUID> idleSince(Instant cutoff) {
        return held.entrySet().stream()
                .filter(entry -> entry.getValue().lastUsed().isBefore(cutoff))
                .map(Map.Entry::getKey)
                .toList();
    }

    int size() {
        return held.size();
    }

    private static PieceHasher rebuilt(Upload upload, Received file, long offset, LeafFile leaves) throws IOException {
        try (InputStream in = file.open()) {
            return PieceHasher.resume(in, "upload " + upload.getId(), offset, upload.getLength(),
                    PieceLength.forFileLength(upload.getLength()), upload.getTorrentFormat(), leaves);
        }
    }

    private static void closeQuietly(LeafFile leaves) {
        if (leaves != null) {
            try {
                leaves.close();
            } catch (IOException ignored) {
                // nothing was lost: a rebuilt hasher writes the leaves again
            }
        }
    }

    private record Held(PieceHasher hasher, LeafFile leaves, Instant lastUsed) {
    }
}
