package org.seedcast.torrent;

import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The hashes of one file, ready for a torrent: the v1 piece SHA-1s (BEP 3) and, for a hybrid,
 * the v2 {@code pieces root} and piece layer (BEP 52); and, when asked for, the SHA-256 of the
 * whole file for integrity checks (a {@code podcast:integrity} value, say). Immutable.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
public final class PieceHashes {

    private final TorrentFormat format;
    private final long fileLength;
    private final int pieceLength;
    private final byte[] pieces;
    private final byte[] piecesRoot;
    private final byte[] pieceLayer;
    private final byte[] fileSha256;

    private PieceHashes(TorrentFormat format, long fileLength, int pieceLength, byte[] pieces,
            byte[] piecesRoot, byte[] pieceLayer, byte[] fileSha256) {
        this.format = format;
        this.fileLength = fileLength;
        this.pieceLength = pieceLength;
        this.pieces = pieces;
        this.piecesRoot = piecesRoot;
        this.pieceLayer = pieceLayer;
        this.fileSha256 = fileSha256;
    }

    /**
     * Assembles finished pieces: {@code layer} holds each piece's subtree root; for a file of
     * one piece that root is the file's {@code pieces root}, otherwise the root is computed over
     * the layer padded with the root of an all-zero piece.
     */
    static PieceHashes of(TorrentFormat format, long fileLength, int pieceLength, byte[] pieces,
            byte[] layer, byte[] fileSha256) {
        if (!format.hasV2()) {
            return new PieceHashes(format, fileLength, pieceLength, pieces, null, null, fileSha256);
        }
        int count = pieces.length / 20;
        if (count == 1) {
            return new PieceHashes(format, fileLength, pieceLength, pieces, layer.clone(), null,
                    fileSha256);
        }
        MessageDigest sha256 = MerkleTree.sha256();
        int width = MerkleTree.width(count);
        byte[] nodes = Arrays.copyOf(layer, width * MerkleTree.HASH);
        byte[] pad = MerkleTree.zeroRoot(pieceLength / PieceDigester.BLOCK, sha256);
        byte[] root = MerkleTree.root(nodes, count, width, pad, sha256);
        return new PieceHashes(format, fileLength, pieceLength, pieces, root, layer, fileSha256);
    }

    public TorrentFormat format() {
        return format;
    }

    public long fileLength() {
        return fileLength;
    }

    public int pieceLength() {
        return pieceLength;
    }

    public int pieceCount() {
        return pieces.length / 20;
    }

    /** The v1 {@code pieces} value: 20-byte SHA-1s, one per piece, concatenated. */
    public byte[] pieces() {
        return pieces.clone();
    }

    /** The v2 merkle root of the file (32 bytes); empty for a v1 torrent. */
    public Optional<byte[]> piecesRoot() {
        return Optional.ofNullable(piecesRoot).map(byte[]::clone);
    }

    /**
     * The v2 piece layer (32 bytes per piece) for the torrent's {@code piece layers}; empty for a
     * v1 torrent and for a file no longer than one piece, which BEP 52 leaves out.
     */
    public Optional<byte[]> pieceLayer() {
        return Optional.ofNullable(pieceLayer).map(byte[]::clone);
    }

    /** The SHA-256 of the whole file, when it was asked for. */
    public Optional<byte[]> fileSha256() {
        return Optional.ofNullable(fileSha256).map(byte[]::clone);
    }
}
