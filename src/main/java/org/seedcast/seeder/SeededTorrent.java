package org.seedcast.seeder;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.seedcast.publishing.Seedable;
import org.seedcast.storage.MediaFile;
import org.seedcast.torrent.InfoHash;
import org.seedcast.torrent.MerkleLayers;
import org.seedcast.torrent.Torrent;
import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BInteger;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.torrent.bencode.BencodeDecoder;
import org.seedcast.torrent.bencode.BencodeException;

/**
 * One published torrent as the seed serves it: its hashes, its info dict (the metadata, BEP 9),
 * its piece geometry, its media file (on this node's disk: one read-only channel that every peer's
 * zero-copy sends share, positional reads do not move it; in a bucket: pieces read into the shared
 * {@link PieceCache}), the peers connected for it and their choker.
 * Everything a connection needs is here, in memory: no database on the connection path.
 */
final class SeededTorrent {

    private final long episodeId;
    private final InfoHash v1;
    private final InfoHash v2Truncated;
    private final byte[] infoDict;
    private final byte[] piecesRoot;
    private final int pieceLength;
    private final long length;
    private final int pieceCount;
    private final UUID mediaId;
    private final MediaFile file;
    /** Whether the file is on this node's disk, asked once: not a file-system call per block. */
    private final boolean local;
    private final PieceCache pieces;
    private final Instant publishedAt;
    private final Function<UUID, Optional<MerkleLayers>> merkleLayers;
    private final Set<PeerConnection> peers = ConcurrentHashMap.newKeySet();
    private final Choker choker;
    private FileChannel channel;
    private Optional<MerkleLayers> layers;
    private volatile boolean withdrawn;

    SeededTorrent(Seedable seedable, Function<UUID, Optional<MerkleLayers>> merkleLayers, Choker choker,
                  PieceCache pieces) {
        Torrent torrent = seedable.torrent();
        byte[] bytes = torrent.bytes();
        BDict info = info(bytes).orElseThrow(() -> new IllegalArgumentException("torrent of episode "
                + seedable.episodeId() + " has no info dict"));
        this.episodeId = seedable.episodeId();
        this.v1 = torrent.infoHash();
        this.v2Truncated = torrent.infoHashV2().map(h -> h.truncated()).orElse(null);
        this.infoDict = info.span().orElseThrow().copyFrom(bytes);
        this.pieceLength = info.get("piece length").filter(BInteger.class::isInstance)
                .map(v -> (int) ((BInteger) v).value()).orElse(0);
        this.length = torrent.length();
        if (pieceLength <= 0 || length <= 0) {
            throw new IllegalArgumentException("torrent of episode " + episodeId + " has no pieces to serve");
        }
        this.pieceCount = (int) ((length + pieceLength - 1) / pieceLength);
        this.piecesRoot = v2Truncated == null ? null : piecesRoot(info, torrent.name());
        this.mediaId = seedable.mediaId();
        this.file = seedable.file();
        this.local = file.localPath().isPresent();
        this.pieces = pieces;
        this.publishedAt = seedable.publishedAt();
        this.merkleLayers = merkleLayers;
        this.choker = choker;
    }

    /** The {@code pieces root} of the single file in a hybrid's {@code file tree} (BEP 52). */
    private static byte[] piecesRoot(BDict info, String name) {
        return dict(info, "file tree").flatMap(tree -> dict(tree, name)).flatMap(entry -> dict(entry, ""))
                .flatMap(leaf -> leaf.get("pieces root")).map(root -> ((BString) root).bytes()).orElse(null);
    }

    /** The torrent's info dict, which keeps its span in {@code bytes}; empty if it has none. */
    private static Optional<BDict> info(byte[] bytes) {
        try {
            return BencodeDecoder.strict().decode(bytes) instanceof BDict root ? dict(root, "info") : Optional.empty();
        } catch (BencodeException e) {
            return Optional.empty();
        }
    }

    private static Optional<BDict> dict(BDict parent, String key) {
        return parent.get(key).filter(BDict.class::isInstance).map(BDict.class::cast);
    }

    long episodeId() {
        return episodeId;
    }

    InfoHash v1() {
        return v1;
    }

    /** The truncated v2 info-hash of a hybrid, or {@code null}. */
    InfoHash v2Truncated() {
        return v2Truncated;
    }

    boolean hybrid() {
        return v2Truncated != null;
    }

    byte[] infoDict() {
        return infoDict;
    }

    /** The file's pieces root of a hybrid, or {@code null}. */
    byte[] piecesRoot() {
        return piecesRoot;
    }

    int pieceCount() {
        return pieceCount;
    }

    long length() {
        return length;
    }

    /** The length of piece {@code index}: the piece length, or what is left of the file for the last one. */
    int pieceSize(int index) {
        return (int) Math.min(pieceLength, length - (long) index * pieceLength);
    }

    long offset(int index, int begin) {
        return (long) index * pieceLength + begin;
    }

    Instant publishedAt() {
        return publishedAt;
    }

    Choker choker() {
        return choker;
    }

    Set<PeerConnection> peers() {
        return peers;
    }

    boolean withdrawn() {
        return withdrawn;
    }

    /**
     * Block {@code [begin, begin + length)} of piece {@code index} to send now: a zero-copy region of the
     * file on this node's disk, or a slice of its piece read from the bucket; {@code null} while that
     * piece is being read, and {@code ready} runs once it is in.
     */
    Object block(int index, int begin, int length, Runnable ready) throws IOException {
        if (!local) {
            if (withdrawn) {
                throw new IOException("episode " + episodeId + " was withdrawn");
            }
            return pieces.block(file, index, offset(index, 0), pieceSize(index), begin, length, ready);
        }
        return new SharedFileRegion(channel(), offset(index, begin), length);
    }

    /** The media file, opened once on the first piece asked for. */
    private synchronized FileChannel channel() throws IOException {
        if (withdrawn) {
            throw new IOException("episode " + episodeId + " was withdrawn");
        }
        if (channel == null || !channel.isOpen()) {
            channel = FileChannel.open(file.localPath().orElseThrow(() -> new IOException("media of episode "
                    + episodeId + " is gone")), StandardOpenOption.READ);
        }
        return channel;
    }

    /**
     * The BEP 52 merkle tree of a hybrid's file, read on the first hash request and kept; empty for
     * a v1 torrent, or while the layers are not stored (or cannot be read). Layers kept in a bucket
     * are only ever read by {@link #readLayers}: this runs on an event loop, which never waits for
     * a network round trip.
     */
    synchronized Optional<MerkleLayers> merkleLayers() {
        if (!hybrid()) {
            return Optional.empty();
        }
        if ((layers == null || layers.isEmpty()) && local) {
            layers = loadLayers();
        }
        return layers == null ? Optional.empty() : layers;
    }

    /**
     * Reads a hybrid's layers kept in a bucket, unless they are already in: on the calling thread,
     * when the torrent is seeded and at each reconcile while they are missing, never on an event loop.
     */
    void readLayers() {
        if (!hybrid() || local) {
            return;
        }
        synchronized (this) {
            if (layers != null && layers.isPresent()) {
                return;
            }
        }
        Optional<MerkleLayers> read = loadLayers();
        synchronized (this) {
            layers = read;
        }
    }

    private Optional<MerkleLayers> loadLayers() {
        try {
            return merkleLayers.apply(mediaId);
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Stops serving it: its peers are closed at once and its file released. */
    void withdraw() {
        withdrawn = true;
        peers.forEach(PeerConnection::close);
        synchronized (this) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // a read-only channel has nothing to lose
                }
            }
        }
    }
}
