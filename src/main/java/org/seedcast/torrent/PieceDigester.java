package org.seedcast.torrent;

import java.security.MessageDigest;

/**
 * Hashes one piece at a time, fed in arbitrary chunks: its SHA-1 (BEP 3) and, for a hybrid, the
 * SHA-256 of each 16 KiB block and the root of the piece's merkle subtree (BEP 52). Not
 * thread-safe; the {@link PieceHasher} and each {@link FileHasher} worker own one. Allocates
 * nothing per block.
 */
final class PieceDigester {

    static final int BLOCK = 16 * 1024;
    private static final byte[] ZERO = new byte[MerkleTree.HASH];

    private final boolean v2;
    private final MessageDigest sha1 = MerkleTree.sha1();
    private final MessageDigest blockSha256 = MerkleTree.sha256();
    private final MessageDigest treeSha256 = MerkleTree.sha256();
    private final byte[] leaves;
    private final LeafFile leafFile;
    private int blocks;
    private int blockFill;

    PieceDigester(int pieceLength, TorrentFormat format) {
        this(pieceLength, format, null);
    }

    /** A digester that also writes each piece's block hashes to {@code leafFile}, when there is one. */
    PieceDigester(int pieceLength, TorrentFormat format, LeafFile leafFile) {
        this.v2 = format.hasV2();
        this.leaves = new byte[v2 ? pieceLength / BLOCK * MerkleTree.HASH : 0];
        this.leafFile = v2 ? leafFile : null;
    }

    /** Hashes bytes of the current piece; the caller never crosses a piece boundary. */
    void update(byte[] bytes, int offset, int length) {
        if (v2) {
            updateBlocks(bytes, offset, length);
        } else {
            sha1.update(bytes, offset, length);
        }
    }

    /** Both digests read each block while it is still in the CPU cache. */
    private void updateBlocks(byte[] bytes, int offset, int length) {
        while (length > 0) {
            int step = Math.min(length, BLOCK - blockFill);
            sha1.update(bytes, offset, step);
            blockSha256.update(bytes, offset, step);
            blockFill += step;
            offset += step;
            length -= step;
            if (blockFill == BLOCK) {
                finishBlock();
            }
        }
    }

    private void finishBlock() {
        MerkleTree.digestInto(blockSha256, leaves, blocks * MerkleTree.HASH);
        blocks++;
        blockFill = 0;
    }

    /**
     * Ends the piece: its SHA-1 into {@code pieces} at {@code index * 20} and, for a hybrid, its
     * subtree root into {@code layer} at {@code index * 32}, the tree padded with zero leaves to
     * {@code treeLeaves} (the blocks per piece, or for a file of one piece, its own block count
     * rounded up to a power of two); the block hashes go to the leaf file first, since the root is
     * reduced over them in place. Then ready for the next piece.
     */
    void finishPiece(int index, byte[] pieces, byte[] layer, int treeLeaves) {
        MerkleTree.digestInto(sha1, pieces, index * 20);
        if (v2) {
            if (blockFill > 0) {
                finishBlock();
            }
            if (leafFile != null) {
                leafFile.write((long) index * (leaves.length / MerkleTree.HASH), leaves, 0, blocks * MerkleTree.HASH);
            }
            byte[] root = MerkleTree.root(leaves, blocks, treeLeaves, ZERO, treeSha256);
            System.arraycopy(root, 0, layer, index * MerkleTree.HASH, MerkleTree.HASH);
            blocks = 0;
        }
    }

    /** Blocks hashed so far in the current piece, finished ones plus a partial one. */
    int blocksSoFar() {
        return blocks + (blockFill > 0 ? 1 : 0);
    }
}
