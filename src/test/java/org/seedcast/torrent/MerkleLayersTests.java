package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seedcast.torrent.ReferenceHashes.concat;
import static org.seedcast.torrent.ReferenceHashes.sha256;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MerkleLayersTests {

    private static final int KIB = 1024;
    private static final int BLOCK = 16 * KIB;

    @TempDir
    Path dir;

    /**
     * Every request the limits allow, for files of one block, of one piece, of a few pieces with a
     * short last one, and of a piece count that is not a power of two: the returned hashes are the
     * tree's, and they with the uncles climb to the tree's node at {@code base + proofLayers + 1}
     * (the pieces root when the proof goes all the way up).
     */
    @ParameterizedTest
    @CsvSource({
            // file length,           piece length
            "1,                       16384",
            "16384,                   16384",
            "16385,                   16384",
            "20480,                   65536",   // one piece of two blocks, the second short
            "65536,                   65536",   // one piece, exactly full
            "196708,                  32768",   // 7 pieces, the last of 100 bytes
            "294912,                  16384",   // 18 one-block pieces
            "1048577,                 65536",   // 17 pieces, the last of one byte
            "3145728,                 262144",  // 12 pieces of 16 blocks
    })
    void answersEveryValidRequestWithHashesThatProveThemselvesUpToTheRoot(long fileLength, int pieceLength) {
        byte[] leaves = randomLeaves(fileLength, fileLength);
        MerkleLayers tree = MerkleLayers.of(leaves, fileLength, pieceLength);
        List<byte[][]> reference = referenceTree(leaves);
        int rootLayer = reference.size() - 1;
        assertThat(tree.piecesRoot()).isEqualTo(reference.get(rootLayer)[0]);

        int checked = 0;
        for (int base = 0; base < rootLayer; base++) {
            int width = reference.get(base).length;
            for (int length = 1; length <= width; length <<= 1) {
                for (int index = 0; index + length <= width; index += length) {
                    for (int proof = 0; base + proof < rootLayer; proof++) {
                        var answer = tree.answer(base, index, length, proof);
                        if (withinWorkBound(base, length, pieceLength, rootLayer)) {
                            assertThat(answer).as("base %d index %d length %d proof %d", base, index, length, proof)
                                    .isPresent();
                            assertProves(answer.get(), reference, base, index, length, proof);
                            checked++;
                        } else {
                            assertThat(answer).isEmpty();
                        }
                    }
                }
            }
        }
        assertThat(checked > 0).isEqualTo(rootLayer > 0);
    }

    @Test
    void givesTheWholePieceLayerWithNoUnclesWhenAskedTheWayLibtorrentAsksForIt() throws Exception {
        byte[] file = PieceHasherTests.bytes(5 * 32 * KIB + 7, 1); // 6 pieces: libtorrent asks for 8
        PieceHashes hashes = hash(file, 32 * KIB);
        MerkleLayers tree = MerkleLayers.of(ReferenceHashes.leafLayer(file), file.length, 32 * KIB);

        byte[] answer = tree.answer(1, 0, 8, 2).orElseThrow(); // piece layer 1; log2(8) - 1 proof layers

        byte[] padPiece = sha256(concat(new byte[32], new byte[32]));
        assertThat(answer).isEqualTo(concat(hashes.pieceLayer().orElseThrow(), padPiece, padPiece));
    }

    @Test
    void omitsTheProofLayersTheRequestedHashesImply() {
        byte[] leaves = randomLeaves(64 * BLOCK, 2); // 64 leaves, root at layer 6
        MerkleLayers tree = MerkleLayers.of(leaves, 64L * BLOCK, BLOCK);

        assertThat(tree.answer(0, 8, 4, 0).orElseThrow()).hasSize(4 * 32);
        assertThat(tree.answer(0, 8, 4, 1).orElseThrow()).hasSize(4 * 32);
        assertThat(tree.answer(0, 8, 4, 2).orElseThrow()).hasSize(5 * 32);
        assertThat(tree.answer(0, 8, 4, 5).orElseThrow()).hasSize(8 * 32);
        assertThat(tree.answer(0, 8, 1, 0).orElseThrow()).as("a lone hash's own sibling is its first uncle")
                .hasSize(2 * 32);
    }

    @Test
    void sendsTheSiblingOfTheRequestedSubtreeFirstAndTheRootsChildLast() {
        byte[] leaves = randomLeaves(8 * BLOCK, 3);
        List<byte[][]> reference = referenceTree(leaves);
        MerkleLayers tree = MerkleLayers.of(leaves, 8L * BLOCK, 2 * BLOCK);

        byte[] answer = tree.answer(0, 2, 2, 2).orElseThrow();

        assertThat(answer).isEqualTo(concat(reference.get(0)[2], reference.get(0)[3],
                reference.get(1)[0], // sibling of the pair's parent (layer 1, node 1)
                reference.get(2)[1])); // sibling of layer 2's node 0, a child of the root
    }

    @Test
    void answersABlockRequestForAWholePieceLongerThan512Blocks() {
        int pieceLength = PieceLength.MAX; // 1,024 blocks a piece
        long fileLength = 2L * pieceLength + 5;
        byte[] leaves = randomLeaves(fileLength, 4);
        List<byte[][]> reference = referenceTree(leaves);
        MerkleLayers tree = MerkleLayers.of(leaves, fileLength, pieceLength);

        byte[] answer = tree.answer(0, 1024, 1024, 11).orElseThrow();

        assertProves(answer, reference, 0, 1024, 1024, 11);
        assertThat(tree.answer(1, 0, 1024, 10)).as("above the leaf layer, 512 at most").isEmpty();
    }

    @ParameterizedTest
    @CsvSource({
            // base, index, length, proof layers
            "-1,     0,     2,      0",   // negative base
            "0,      -2,    2,      0",   // negative index
            "0,      0,     0,      0",   // empty
            "0,      0,     2,      -1",  // negative proof layers
            "0,      0,     3,      0",   // not a power of two
            "0,      2,     4,      0",   // index not a multiple of the length
            "0,      1024,  1024,   0",   // more than 512 leaves when a piece has 4 blocks
            "0,      2048,  2,      0",   // past the padded leaf layer (2,048 leaves)
            "2,      512,   2,      0",   // past the padded piece layer (512 pieces)
            "2,      0,     1024,   0",   // more than 512 at the piece layer
            "11,     0,     1,      0",   // the root's layer: nothing to prove it with
            "12,     0,     1,      0",   // above the root
            "0,      0,     2,      11",  // the proof would reach past the root
            "2,      0,     2,      9",   // the same from the piece layer
            "1,      0,     512,    0",   // below the piece layer, more leaves than a request may cover
    })
    void rejectsRequestsOutsideTheLimits(int base, int index, int length, int proofLayers) {
        long fileLength = 1500L * BLOCK + 1; // 1,501 leaves: 2,048 wide, root at layer 11
        MerkleLayers tree = MerkleLayers.of(randomLeaves(fileLength, 5), fileLength, 4 * BLOCK);

        assertThat(tree.answer(base, index, length, proofLayers)).isEmpty();
    }

    @Test
    void rejectsEveryRequestForAFileOfOneBlockWhoseRootIsTheBlockHash() throws Exception {
        byte[] file = {1, 2, 3};
        MerkleLayers tree = MerkleLayers.of(ReferenceHashes.leafLayer(file), file.length, BLOCK);

        assertThat(tree.piecesRoot()).isEqualTo(sha256OfQuietly(file));
        assertThat(tree.answer(0, 0, 1, 0)).isEmpty();
        assertThat(tree.answer(0, 0, 2, 0)).isEmpty();
    }

    @Test
    void refusesALeafLayerOfTheWrongSize() {
        assertThatThrownBy(() -> MerkleLayers.of(new byte[64], 3 * BLOCK, BLOCK))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 3 leaf hashes");
        assertThatThrownBy(() -> MerkleLayers.of(new byte[32], 0, BLOCK))
                .hasMessage("a torrent's file has at least one byte");
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 16 * KIB, 16 * KIB + 1, 40 * KIB, 200 * KIB + 3, 1024 * KIB})
    void keepsTheLeavesThatMakeTheHashersPiecesRootAndPieceLayer(int length) throws Exception {
        byte[] file = PieceHasherTests.bytes(length, length);
        for (int pieceLength : new int[] {16 * KIB, 64 * KIB, 256 * KIB}) {
            Path leafPath = dir.resolve(length + "-" + pieceLength + ".leaves");
            PieceHashes hashes;
            try (LeafFile leafFile = LeafFile.create(leafPath)) {
                PieceHasher hasher = PieceHasher.start(length, pieceLength, TorrentFormat.HYBRID, leafFile);
                hasher.update(file, 0, length);
                hashes = hasher.finish();
                leafFile.finish(length);
            }

            assertThat(Files.readAllBytes(leafPath)).isEqualTo(ReferenceHashes.leafLayer(file));
            MerkleLayers tree = MerkleLayers.open(leafPath, hashes);
            assertThat(tree.piecesRoot()).isEqualTo(hashes.piecesRoot().orElseThrow());
            assertAnswersThePieceLayer(tree, hashes, pieceLength);
        }
    }

    @Test
    void keepsTheSameLeavesFromEveryWorkerOfTheFileHasher() throws Exception {
        byte[] file = PieceHasherTests.bytes(3 * 1024 * KIB + 5, 6);
        Path media = dir.resolve("media");
        Files.write(media, file);
        Path leafPath = dir.resolve("media.leaves");

        PieceHashes hashes;
        try (LeafFile leafFile = LeafFile.create(leafPath)) {
            hashes = new FileHasher(3).hashPieces(media, 32 * KIB, TorrentFormat.HYBRID, leafFile);
            leafFile.finish(file.length);
        }

        assertThat(Files.readAllBytes(leafPath)).isEqualTo(ReferenceHashes.leafLayer(file));
        MerkleLayers tree = MerkleLayers.open(leafPath, hashes);
        assertThat(tree.piecesRoot()).isEqualTo(hashes.piecesRoot().orElseThrow());
        assertAnswersThePieceLayer(tree, hashes, 32 * KIB);
    }

    @Test
    void writesTheLeavesAgainWhenAnUploadResumesOverALeafFileLeftFromBefore() throws Exception {
        byte[] file = PieceHasherTests.bytes(300 * KIB + 9, 7);
        Path partial = dir.resolve("upload.part");
        Files.write(partial, Arrays.copyOf(file, 170 * KIB));
        Path leafPath = dir.resolve("upload.leaves");
        Files.write(leafPath, PieceHasherTests.bytes(40 * 32, 8)); // stale, and longer than the file needs

        try (LeafFile leafFile = LeafFile.create(leafPath)) {
            PieceHasher hasher = PieceHasher.resume(partial, 170 * KIB, file.length, 64 * KIB,
                    TorrentFormat.HYBRID, leafFile);
            hasher.update(file, 170 * KIB, file.length - 170 * KIB);
            hasher.finish();
            leafFile.finish(file.length);
        }

        assertThat(Files.readAllBytes(leafPath)).isEqualTo(ReferenceHashes.leafLayer(file));
    }

    @Test
    void answersFromALeafFileAsFromTheLeavesInMemory() throws Exception {
        byte[] file = PieceHasherTests.bytes(700 * KIB + 1, 9);
        PieceHashes hashes = hash(file, 64 * KIB);
        Path leafPath = dir.resolve("file.leaves");
        Files.write(leafPath, ReferenceHashes.leafLayer(file));
        MerkleLayers fromFile = MerkleLayers.open(leafPath, hashes);
        MerkleLayers inMemory = MerkleLayers.of(ReferenceHashes.leafLayer(file), file.length, 64 * KIB);

        for (int[] request : new int[][] {{0, 0, 4, 5}, {0, 40, 4, 5}, {0, 32, 16, 4}, {2, 8, 4, 3}, {1, 2, 2, 1}}) {
            assertThat(fromFile.answer(request[0], request[1], request[2], request[3]).orElseThrow())
                    .isEqualTo(inMemory.answer(request[0], request[1], request[2], request[3]).orElseThrow());
        }
    }

    @Test
    void rejectsRequestsBelowThePieceLayerWhenTheKeptLeavesAreDamaged() throws Exception {
        byte[] file = PieceHasherTests.bytes(700 * KIB + 1, 10);
        PieceHashes hashes = hash(file, 64 * KIB);
        byte[] leaves = ReferenceHashes.leafLayer(file);
        leaves[5 * 32] ^= 1; // block 5, in piece 1
        Path leafPath = dir.resolve("damaged.leaves");
        Files.write(leafPath, leaves);

        MerkleLayers tree = MerkleLayers.open(leafPath, hashes);

        assertThat(tree.answer(0, 4, 4, 5)).as("piece 1's blocks").isEmpty();
        assertThat(tree.answer(0, 0, 4, 5)).as("piece 0's blocks").isPresent();
        assertThat(tree.answer(2, 0, 16, 3)).as("the piece layer, kept apart").isPresent();
    }

    @Test
    void refusesToOpenALeafFileOfTheWrongSizeOrForAV1Torrent() throws Exception {
        byte[] file = PieceHasherTests.bytes(100 * KIB, 11);
        Path leafPath = dir.resolve("short.leaves");
        Files.write(leafPath, new byte[5 * 32]);

        assertThatThrownBy(() -> MerkleLayers.open(leafPath, hash(file, 32 * KIB)))
                .isInstanceOf(IOException.class).hasMessageContaining("not the 224 of 7 leaf hashes");
        PieceHasher v1 = PieceHasher.start(file.length, 32 * KIB, TorrentFormat.V1);
        v1.update(file, 0, file.length);
        assertThatThrownBy(() -> MerkleLayers.open(leafPath, v1.finish()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> MerkleLayers.open(dir.resolve("missing"), hash(file, 32 * KIB)))
                .isInstanceOf(IOException.class);
    }

    /** libtorrent's way: the piece layer 512 hashes at a time (or the padded rest), proven up to the root. */
    private static void assertAnswersThePieceLayer(MerkleLayers tree, PieceHashes hashes, int pieceLength) {
        if (hashes.pieceLayer().isEmpty()) {
            return;
        }
        byte[] layer = hashes.pieceLayer().get();
        int pieces = layer.length / 32;
        int pieceLayer = Integer.numberOfTrailingZeros(pieceLength / BLOCK);
        int rootLayer = Integer.numberOfTrailingZeros(MerkleTree.width(pieces)) + pieceLayer;
        int length = Math.min(512, MerkleTree.width(pieces));
        byte[] answer = tree.answer(pieceLayer, 0, length, rootLayer - pieceLayer - 1).orElseThrow();
        assertThat(Arrays.copyOf(answer, layer.length)).isEqualTo(layer);
    }

    private static boolean withinWorkBound(int base, int length, int pieceLength, int rootLayer) {
        int unitLayer = Math.min(rootLayer, Integer.numberOfTrailingZeros(pieceLength / BLOCK));
        int cap = Math.max(512, 1 << unitLayer);
        return (base == 0 ? length <= cap : length <= 512) && (base >= unitLayer || (long) length << base <= cap);
    }

    /** Checks the hashes against the tree and climbs from them with the uncles. */
    private static void assertProves(byte[] answer, List<byte[][]> tree, int base, int index, int length, int proof) {
        int lengthLog = Integer.numberOfTrailingZeros(length);
        int uncles = Math.max(0, proof - lengthLog + 1);
        assertThat(answer).hasSize((length + uncles) * 32);
        List<byte[]> nodes = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            byte[] hash = Arrays.copyOfRange(answer, i * 32, i * 32 + 32);
            assertThat(hash).isEqualTo(tree.get(base)[index + i]);
            nodes.add(hash);
        }
        while (nodes.size() > 1) {
            List<byte[]> parents = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i += 2) {
                parents.add(sha256OfQuietly(concat(nodes.get(i), nodes.get(i + 1))));
            }
            nodes = parents;
        }
        byte[] node = nodes.get(0);
        int position = index >> lengthLog;
        for (int u = 0; u < uncles; u++) {
            byte[] uncle = Arrays.copyOfRange(answer, (length + u) * 32, (length + u) * 32 + 32);
            node = sha256OfQuietly((position & 1) == 0 ? concat(node, uncle) : concat(uncle, node));
            position >>= 1;
        }
        int reached = base + lengthLog + uncles;
        assertThat(node).isEqualTo(tree.get(reached)[position]);
        if (base + proof + 1 == tree.size() - 1 && uncles > 0) {
            assertThat(node).as("proven up to the pieces root").isEqualTo(tree.get(tree.size() - 1)[0]);
        }
    }

    /** The literal tree: the leaves padded with zero hashes to a power of two, reduced layer by layer. */
    private static List<byte[][]> referenceTree(byte[] leaves) {
        int count = leaves.length / 32;
        int width = 1;
        while (width < count) {
            width *= 2;
        }
        byte[][] layer = new byte[width][];
        for (int i = 0; i < width; i++) {
            layer[i] = i < count ? Arrays.copyOfRange(leaves, i * 32, i * 32 + 32) : new byte[32];
        }
        List<byte[][]> layers = new ArrayList<>();
        layers.add(layer);
        while (layer.length > 1) {
            byte[][] parents = new byte[layer.length / 2][];
            for (int i = 0; i < parents.length; i++) {
                parents[i] = sha256OfQuietly(concat(layer[2 * i], layer[2 * i + 1]));
            }
            layers.add(parents);
            layer = parents;
        }
        return layers;
    }

    private static byte[] randomLeaves(long fileLength, long seed) {
        byte[] leaves = new byte[(int) ((fileLength + BLOCK - 1) / BLOCK) * 32];
        new Random(seed).nextBytes(leaves);
        return leaves;
    }

    private static PieceHashes hash(byte[] file, int pieceLength) {
        PieceHasher hasher = PieceHasher.start(file.length, pieceLength, TorrentFormat.HYBRID);
        hasher.update(file, 0, file.length);
        return hasher.finish();
    }

    private static byte[] sha256OfQuietly(byte[] bytes) {
        try {
            return sha256(bytes);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
