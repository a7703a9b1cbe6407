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

    @ParameterizedTest(name = "{0} bytes in pieces of {1}, {2} threads")
    @CsvSource({
            "1,        16384,  2",
            "16384,    16384,  2",
            "700000,   16384,  2",
            "700000,   65536,  3",
            "9000000,  32768,  2", // several 4 MiB units
            "9000000,  16777216, 2", // one piece bigger than the file
            "5000000,  1048576,  1",
    })
    void agreesWithTheStreamingHasherOnEveryCount(int length, int pieceLength, int threads)
            throws Exception {
        byte[] file = PieceHasherTests.bytes(length, length);
        Path path = dir.resolve("episode.mp4");
        Files.write(path, file);

        PieceHashes hashes = new FileHasher(threads).hash(path, pieceLength, TorrentFormat.HYBRID);

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
}
