package org.seedcast.torrent;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

/**
 * The BEP 52 merkle tree of one file, built from its 16 KiB block hashes (the leaf layer) kept at
 * hashing time, answering peers' {@code hash request}s without reading the file again.
 *
 * <p>The tree has {@code width} leaves, the block count rounded up to a power of two, those past
 * the last block being zero hashes; layer {@code k} holds {@code width >> k} nodes, the root at the
 * top. Only the layers from the piece layer up (for a file of one piece: the root alone) are held
 * in memory, at most 128 bytes per piece; everything below is computed per request from the leaf
 * layer, which stays where it was kept (in memory for {@link #of}, in a file for {@link #open}).
 * A request below the piece layer touches the leaves of the pieces it covers and no more, so its
 * cost is bounded by the request's own limits, whatever the file's size.
 *
 * <p>Requests are checked as BEP 52 and libtorrent's {@code validate_hash_request} say: the length a
 * power of two (one is accepted, as libtorrent sends it for 16 KiB pieces) and at most 512, or at the
 * leaf layer at most one piece's blocks when pieces are longer than 8 MiB (libtorrent asks for a
 * failed piece's blocks in one request); the index a multiple of the length; the range inside the
 * padded layer; the base layer below the root; and {@code base + proofLayers} below the root too.
 * The answer carries the requested hashes, then one uncle hash per proof layer from the layer of the
 * subtree the requested hashes span up to layer {@code base + proofLayers}: the first
 * {@code log2(length) - 1} proof layers are implied by the hashes themselves and left out, so there
 * are {@code max(0, proofLayers - log2(length) + 1)} uncles, as libtorrent's {@code add_hashes}
 * expects. Immutable and thread-safe.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
public final class MerkleLayers {

    /** BEP 52: "Length SHOULD NOT be greater than 512". */
    static final int MAX_LENGTH = 512;
    private static final int HASH = MerkleTree.HASH;
    private static final int BLOCK = PieceDigester.BLOCK;

    private final long fileLength;
    private final int pieceLength;
    private final int blocks;
    private final int rootLayer;
    private final int unitLayer;
    private final byte[][] kept;
    private final Leaves leaves;

    private MerkleLayers(long fileLength, int pieceLength, byte[] unitNodes, Leaves leaves) {
        this.fileLength = fileLength;
        this.pieceLength = pieceLength;
        this.blocks = blockCount(fileLength);
        this.rootLayer = Integer.numberOfTrailingZeros(MerkleTree.width(blocks));
        this.unitLayer = unitLayer(rootLayer, pieceLength);
        this.kept = upperLayers(unitNodes, rootLayer - unitLayer);
        this.leaves = leaves;
    }

    /** The tree of a file of {@code fileLength} bytes from its leaf layer (32 bytes per 16 KiB block). */
    public static MerkleLayers of(byte[] leafLayer, long fileLength, int pieceLength) {
        PieceLength.check(pieceLength);
        int blocks = blockCount(fileLength);
        if (leafLayer.length != (long) blocks * HASH) {
            throw new IllegalArgumentException("a file of " + fileLength + " bytes has " + blocks
                    + " leaf hashes, not " + leafLayer.length + " bytes of them");
        }
        byte[] layer = leafLayer.clone();
        Leaves leaves = (first, count, into) -> System.arraycopy(layer, first * HASH, into, 0, count * HASH);
        int rootLayer = Integer.numberOfTrailingZeros(MerkleTree.width(blocks));
        int unitLeaves = 1 << unitLayer(rootLayer, pieceLength);
        int units = MerkleTree.width(blocks) / unitLeaves;
        byte[] unitNodes = new byte[units * HASH];
        MessageDigest sha256 = MerkleTree.sha256();
        byte[] scratch = new byte[unitLeaves * HASH];
        for (int unit = 0; unit < units; unit++) {
            int first = unit * unitLeaves;
            int count = Math.max(0, Math.min(unitLeaves, blocks - first));
            if (count > 0) {
                System.arraycopy(layer, first * HASH, scratch, 0, count * HASH);
            }
            byte[] root = MerkleTree.root(scratch, count, unitLeaves, new byte[HASH], sha256);
            System.arraycopy(root, 0, unitNodes, unit * HASH, HASH);
        }
        return new MerkleLayers(fileLength, pieceLength, unitNodes, leaves);
    }

    /**
     * The tree of a hybrid's file from its leaf layer kept in {@code leafFile} (as {@link LeafFile}
     * writes it) and its piece layer in {@code hashes}; the leaves are read per request, so this
     * holds only the layers from the piece layer up in memory.
     *
     * @throws IOException when the file is missing or is not the leaf layer of a file that long
     */
    public static MerkleLayers open(Path leafFile, PieceHashes hashes) throws IOException {
        byte[] root = hashes.piecesRoot()
                .orElseThrow(() -> new IllegalArgumentException("a v1 torrent has no merkle tree"));
        int blocks = blockCount(hashes.fileLength());
        long size = Files.size(leafFile);
        if (size != (long) blocks * HASH) {
            throw new IOException(leafFile + " holds " + size + " bytes, not the " + (long) blocks * HASH
                    + " of " + blocks + " leaf hashes");
        }
        byte[] unitNodes = hashes.pieceLayer().map(layer -> padded(layer, blocks, hashes.pieceLength()))
                .orElse(root);
        MerkleLayers tree = new MerkleLayers(hashes.fileLength(), hashes.pieceLength(), unitNodes,
                (first, count, into) -> read(leafFile, first, count, into));
        if (!Arrays.equals(tree.piecesRoot(), root)) {
            throw new IOException("the piece layer kept for " + leafFile + " does not make its pieces root");
        }
        return tree;
    }

    /** The file's {@code pieces root}. */
    public byte[] piecesRoot() {
        return kept[kept.length - 1].clone();
    }

    public long fileLength() {
        return fileLength;
    }

    public int pieceLength() {
        return pieceLength;
    }

    /**
     * The answer to a {@code hash request} (message 21) for this file: the {@code length} hashes of
     * layer {@code baseLayer} (0 = 16 KiB blocks) starting at {@code index}, followed by the uncle
     * hashes of the proof layers they do not imply ({@code max(0, proofLayers - log2(length) + 1)},
     * the one closest to the root last), as a {@code hashes} message (22) carries them;
     * empty when the request is invalid and must get a {@code hash reject} (23). Empty too when the
     * kept leaves cannot be read or do not match the piece layer (a damaged leaf file): a reject is
     * better than a wrong proof.
     */
    public Optional<byte[]> answer(int baseLayer, int index, int length, int proofLayers) {
        if (!valid(baseLayer, index, length, proofLayers)) {
            return Optional.empty();
        }
        int lengthLog = Integer.numberOfTrailingZeros(length);
        int uncles = Math.max(0, proofLayers - lengthLog + 1);
        byte[] answer = new byte[(length + uncles) * HASH];
        try {
            Subtree below = null;
            if (baseLayer >= unitLayer) {
                System.arraycopy(kept[baseLayer - unitLayer], index * HASH, answer, 0, length * HASH);
            } else {
                below = belowUnits(baseLayer, index, length, answer);
            }
            for (int u = 0; u < uncles; u++) {
                int layer = baseLayer + lengthLog + u;
                int sibling = (index >> (layer - baseLayer)) ^ 1;
                byte[] node = layer >= unitLayer ? kept[layer - unitLayer] : below.layer(layer);
                int at = layer >= unitLayer ? sibling : sibling - below.offset(layer);
                System.arraycopy(node, at * HASH, answer, (length + u) * HASH, HASH);
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(answer);
    }

    private boolean valid(int base, int index, int length, int proofLayers) {
        if (base < 0 || index < 0 || length < 1 || proofLayers < 0 || Integer.bitCount(length) != 1
                || base >= rootLayer) {
            return false;
        }
        int unitLeaves = 1 << unitLayer;
        int maxLength = base == 0 ? Math.max(MAX_LENGTH, unitLeaves) : MAX_LENGTH;
        long layerWidth = MerkleTree.width(blocks) >> base;
        return length <= maxLength
                && index % length == 0
                && (long) index + length <= layerWidth
                && proofLayers < rootLayer - base
                && (base >= unitLayer || ((long) length << base) <= Math.max(MAX_LENGTH, unitLeaves));
    }

    /**
     * Copies the requested hashes of a layer below the kept ones into {@code answer}, computing them
     * from the leaves of the pieces they cover, and returns those pieces' subtrees for the uncles.
     */
    private Subtree belowUnits(int base, int index, int length, byte[] answer) throws IOException {
        int unitLeaves = 1 << unitLayer;
        long firstLeaf = (long) index << base;
        long leafCount = (long) length << base;
        int firstUnit = (int) (firstLeaf >> unitLayer);
        int units = (int) Math.max(1, leafCount >> unitLayer);
        MessageDigest sha256 = MerkleTree.sha256();
        Subtree last = null;
        for (int unit = firstUnit; unit < firstUnit + units; unit++) {
            last = unitSubtree(unit, unitLeaves, sha256);
            byte[] nodes = last.layer(base);
            int from = Math.max(index, last.offset(base));
            int to = Math.min(index + length, last.offset(base) + (unitLeaves >> base));
            System.arraycopy(nodes, (from - last.offset(base)) * HASH, answer, (from - index) * HASH,
                    (to - from) * HASH);
        }
        return last;
    }

    /** Every layer of one piece's subtree, from its leaves, checked against the kept piece layer. */
    private Subtree unitSubtree(int unit, int unitLeaves, MessageDigest sha256) throws IOException {
        byte[][] layers = new byte[unitLayer + 1][];
        layers[0] = new byte[unitLeaves * HASH];
        int first = unit * unitLeaves;
        int count = Math.max(0, Math.min(unitLeaves, blocks - first));
        if (count > 0) {
            leaves.read(first, count, layers[0]);
        }
        for (int layer = 1; layer <= unitLayer; layer++) {
            layers[layer] = MerkleTree.parentLayer(layers[layer - 1], sha256);
        }
        if (!Arrays.equals(layers[unitLayer], 0, HASH, kept[0], unit * HASH, (unit + 1) * HASH)) {
            throw new IOException("the kept leaves of piece " + unit + " do not hash to its piece layer node");
        }
        return new Subtree(unit, unitLayer, layers);
    }

    /** One piece's subtree: {@code layers[k]} holds its nodes of layer {@code k}. */
    private record Subtree(int unit, int unitLayer, byte[][] layers) {

        byte[] layer(int layer) {
            return layers[layer];
        }

        /** The index, within its whole layer, of this subtree's first node of {@code layer}. */
        int offset(int layer) {
            return unit << (unitLayer - layer);
        }
    }

    /** Where the leaf layer is: {@code count} hashes from leaf {@code first} into {@code into} at 0. */
    private interface Leaves {
        void read(int first, int count, byte[] into) throws IOException;
    }

    private static void read(Path leafFile, int first, int count, byte[] into) throws IOException {
        try (FileChannel channel = FileChannel.open(leafFile, StandardOpenOption.READ)) {
            ByteBuffer target = ByteBuffer.wrap(into, 0, count * HASH);
            long position = (long) first * HASH;
            while (target.hasRemaining()) {
                if (channel.read(target, position + target.position()) < 0) {
                    throw new IOException(leafFile + " ended early");
                }
            }
        }
    }

    /**
     * The layers kept in memory: the piece layer (for a file of one piece, the root) and each one
     * above it up to the root; {@code unitNodes} is already padded to a power of two.
     */
    private static byte[][] upperLayers(byte[] unitNodes, int height) {
        byte[][] layers = new byte[height + 1][];
        layers[0] = unitNodes;
        MessageDigest sha256 = MerkleTree.sha256();
        for (int k = 1; k <= height; k++) {
            layers[k] = MerkleTree.parentLayer(layers[k - 1], sha256);
        }
        return layers;
    }

    /** The piece layer of {@link PieceHashes} padded with the root of an all-zero piece, as the tree has it. */
    private static byte[] padded(byte[] pieceLayer, int blocks, int pieceLength) {
        int perPiece = pieceLength / BLOCK;
        int width = MerkleTree.width(blocks) / perPiece;
        byte[] nodes = Arrays.copyOf(pieceLayer, width * HASH);
        byte[] pad = MerkleTree.zeroRoot(perPiece, MerkleTree.sha256());
        for (int i = pieceLayer.length / HASH; i < width; i++) {
            System.arraycopy(pad, 0, nodes, i * HASH, HASH);
        }
        return nodes;
    }

    /** The lowest layer kept in memory: the piece layer, or the root for a file of one piece. */
    private static int unitLayer(int rootLayer, int pieceLength) {
        return Math.min(rootLayer, Integer.numberOfTrailingZeros(pieceLength / BLOCK));
    }

    private static int blockCount(long fileLength) {
        if (fileLength <= 0) {
            throw new IllegalArgumentException("a torrent's file has at least one byte");
        }
        long blocks = PieceLength.ceilDiv(fileLength, BLOCK);
        if (blocks > (long) PieceHasher.MAX_PIECES * (PieceLength.MAX / BLOCK)) {
            throw new IllegalArgumentException("a file of " + fileLength + " bytes is too long");
        }
        return (int) blocks;
    }
}
