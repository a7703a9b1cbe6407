package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.seedcast.torrent.ReferenceHashes.concat;
import static org.seedcast.torrent.ReferenceHashes.sha256;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PieceHasherTests {

    private static final int KIB = 1024;

    @TempDir
    Path dir;

    @Test
    void hashesAOneByteFileAsItsOwnShortBlock() throws Exception {
        byte[] file = {42};

        PieceHashes hashes = hashInOneGo(file, 16 * KIB);

        assertThat(hashes.piecesRoot()).hasValue(sha256(file));
        assertThat(hashes.pieceLayer()).isEmpty();
        assertThat(hashes.pieces()).isEqualTo(ReferenceHashes.v1Pieces(file, 16 * KIB));
    }

    @Test
    void padsTheTreeOfAFileShorterThanAPieceOnlyToItsOwnBlockCount() throws Exception {
        byte[] file = bytes(20 * KIB, 1); // blocks: 16 KiB and a short 4 KiB one

        PieceHashes hashes = hashInOneGo(file, 64 * KIB);

        byte[] left = sha256(Arrays.copyOfRange(file, 0, 16 * KIB));
        byte[] right = sha256(Arrays.copyOfRange(file, 16 * KIB, 20 * KIB)); // short, hashed as is
        assertThat(hashes.piecesRoot()).hasValue(sha256(concat(left, right)));
        assertThat(hashes.pieceLayer()).as("no piece layer for a file of one piece").isEmpty();
    }

    @Test
    void padsTheLastPieceWithZeroLeavesAndTheLayerWithZeroPieceRoots() throws Exception {
        byte[] file = bytes(3 * 32 * KIB + 100, 2); // 4 pieces of 32 KiB, the last one of 100 bytes

        PieceHashes hashes = hashInOneGo(file, 32 * KIB);

        assertThat(hashes.pieceCount()).isEqualTo(4);
        assertThat(hashes.pieceLayer()).hasValue(ReferenceHashes.pieceLayer(file, 32 * KIB));
        assertThat(hashes.piecesRoot()).hasValue(ReferenceHashes.piecesRoot(file));
        byte[] lastPiece = sha256(concat(sha256(Arrays.copyOfRange(file, 3 * 32 * KIB, file.length)),
                new byte[32])); // its second leaf lies past the end: a zero hash
        assertThat(Arrays.copyOfRange(hashes.pieceLayer().orElseThrow(), 96, 128)).isEqualTo(lastPiece);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 16 * KIB - 1, 16 * KIB, 16 * KIB + 1, 32 * KIB, 100 * KIB, 333 * KIB})
    void agreesWithTheLiteralReadingOfTheBepsWhateverTheChunking(int length) throws Exception {
        byte[] file = bytes(length, length);
        Random random = new Random(length);
        for (int pieceLength : new int[] {16 * KIB, 32 * KIB, 64 * KIB}) {
            PieceHasher hasher = PieceHasher.start(length, pieceLength, TorrentFormat.HYBRID);
            for (int at = 0; at < length; ) {
                int step = Math.min(length - at, 1 + random.nextInt(40 * KIB));
                hasher.update(file, at, step);
                at += step;
            }
            assertMatchesReference(hasher.finish(), file, pieceLength);
        }
    }

    @Test
    void hashesTheWholeFileWithSha256() throws Exception {
        byte[] file = bytes(50 * KIB, 3);

        assertThat(hashInOneGo(file, 16 * KIB).fileSha256()).hasValue(sha256(file));
    }

    @Test
    void leavesOutV2HashesForAV1Torrent() throws Exception {
        byte[] file = bytes(50 * KIB, 4);
        PieceHasher hasher = PieceHasher.start(file.length, 16 * KIB, TorrentFormat.V1);
        hasher.update(ByteBuffer.wrap(file));

        PieceHashes hashes = hasher.finish();

        assertThat(hashes.pieces()).isEqualTo(ReferenceHashes.v1Pieces(file, 16 * KIB));
        assertThat(hashes.piecesRoot()).isEmpty();
        assertThat(hashes.pieceLayer()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(longs = {0, 1, 16 * KIB, 40 * KIB + 3, 100 * KIB})
    void resumesFromThePrefixAlreadyOnDisk(long offset) throws Exception {
        byte[] file = bytes(100 * KIB, 5);
        Path partial = dir.resolve("upload.part");
        Files.write(partial, Arrays.copyOf(file, (int) offset));

        PieceHasher hasher = PieceHasher.resume(partial, offset, file.length, 32 * KIB,
                TorrentFormat.HYBRID);
        hasher.update(file, (int) offset, file.length - (int) offset);

        assertThat(hasher.position()).isEqualTo(file.length);
        assertMatchesReference(hasher.finish(), file, 32 * KIB);
    }

    @Test
    void refusesToResumeFromMoreBytesThanTheFileHolds() throws Exception {
        Path partial = dir.resolve("short.part");
        Files.write(partial, new byte[10]);

        assertThatThrownBy(() -> PieceHasher.resume(partial, 20, 100, 16 * KIB, TorrentFormat.V1))
                .hasMessageContaining("has only 10 of the 20 bytes");
    }

    @Test
    void refusesBytesPastTheAnnouncedLengthAndAnEarlyFinish() {
        PieceHasher hasher = PieceHasher.start(10, 16 * KIB, TorrentFormat.V1);
        hasher.update(new byte[4], 0, 4);

        assertThatThrownBy(hasher::finish).hasMessage("hashed 4 of 10 bytes");
        assertThatThrownBy(() -> hasher.update(new byte[7], 0, 7))
                .hasMessage("more bytes than the file's 10");
    }

    @Test
    void refusesPieceLengthsThatAreNotPowersOfTwoInRange() {
        assertThatThrownBy(() -> PieceHasher.start(10, 3 * 16 * KIB, TorrentFormat.V1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PieceHasher.start(10, 8 * KIB, TorrentFormat.V1))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PieceHasher.start(0, 16 * KIB, TorrentFormat.V1))
                .hasMessage("a torrent's file has at least one byte");
    }

    static void assertMatchesReference(PieceHashes hashes, byte[] file, int pieceLength)
            throws Exception {
        assertThat(hashes.pieces()).isEqualTo(ReferenceHashes.v1Pieces(file, pieceLength));
        assertThat(hashes.piecesRoot()).hasValue(ReferenceHashes.piecesRoot(file));
        if (file.length > pieceLength) {
            assertThat(hashes.pieceLayer()).hasValue(ReferenceHashes.pieceLayer(file, pieceLength));
        } else {
            assertThat(hashes.pieceLayer()).isEmpty();
        }
        hashes.fileSha256().ifPresent(sha -> assertThat(sha).isEqualTo(sha256OfQuietly(file)));
    }

    private static byte[] sha256OfQuietly(byte[] file) {
        try {
            return sha256(file);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    private static PieceHashes hashInOneGo(byte[] file, int pieceLength) {
        PieceHasher hasher = PieceHasher.start(file.length, pieceLength, TorrentFormat.HYBRID);
        hasher.update(file, 0, file.length);
        return hasher.finish();
    }

    static byte[] bytes(int length, long seed) {
        byte[] bytes = new byte[length];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }
}
