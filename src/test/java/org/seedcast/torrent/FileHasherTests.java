package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FileHasherTests {

    @TempDir
    Path dir;

    @ParameterizedTest(name = "{0} bytes in pieces of {1}, {2} threads, mapped {3} bytes at a time")
    @CsvSource({
            "1,        16384,  2, 1073741824",
            "16384,    16384,  2, 1073741824",
            "700000,   16384,  2, 1073741824",
            "700000,   65536,  3, 1073741824",
            "9000000,  32768,  2, 1073741824", // several 4 MiB units
            "9000000,  16777216, 2, 1073741824", // one piece bigger than the file
            "5000000,  1048576,  1, 1073741824",
            "700000,   16384,  2, 131072", // windows smaller than a unit: many mappings
            "9000000,  32768,  3, 262144",
            "9000000,  1048576, 2, 131072", // pieces spanning several windows
            "5000000,  4194304, 2, 2097152",
    })
    void agreesWithTheStreamingHasherOnEveryCount(int length, int pieceLength, int threads, long window)
            throws Exception {
        byte[] file = PieceHasherTests.bytes(length, length);
        Path path = dir.resolve("episode.mp4");
        Files.write(path, file);

        PieceHashes hashes = new FileHasher(threads, window).hash(path, pieceLength, TorrentFormat.HYBRID);

        PieceHasherTests.assertMatchesReference(hashes, file, pieceLength);
        assertThat(hashes.fileSha256()).isPresent();
    }

    @Test
    void hashesOnlyPiecesWhenTheWholeFileDigestIsNotWanted() throws Exception {
        byte[] file = PieceHasherTests.bytes(100_000, 9);
        Path path = dir.resolve("episode.mp4");
        Files.write(path, file);

        PieceHashes hashes = new FileHasher().hashPieces(path, 16384, TorrentFormat.V1);

        assertThat(hashes.pieces()).isEqualTo(ReferenceHashes.v1Pieces(file, 16384));
        assertThat(hashes.fileSha256()).isEmpty();
        assertThat(hashes.piecesRoot()).isEmpty();
    }

    @Test
    void v1PiecesReadThroughManySmallMappingsMatchTheReference() throws Exception {
        byte[] file = PieceHasherTests.bytes(9_000_000, 5);
        Path path = dir.resolve("episode.mp4");
        Files.write(path, file);

        PieceHashes hashes = new FileHasher(2, 131072).hash(path, 262144, TorrentFormat.V1);

        assertThat(hashes.pieces()).isEqualTo(ReferenceHashes.v1Pieces(file, 262144));
        byte[] sha256 = java.security.MessageDigest.getInstance("SHA-256").digest(file);
        assertThat(hashes.fileSha256()).hasValueSatisfying(digest -> assertThat(digest).isEqualTo(sha256));
    }
}
