package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.support.FirstInItsLane;

/**
 * Proof against independent implementations: mktorrent, Transmission, libtorrent and OpenSSL.
 * Each test skips when its tool is missing, unless {@code seedcast.requireTools=true}.
 */
@BesideTheSuite
@FirstInItsLane
class TorrentInteropTests {

    private static final URI TRACKER = URI.create("http://tracker.example/announce");
    private static final URI WEB_SEED = URI.create("https://media.example/episode.mp4");

    @TempDir
    Path dir;

    @Test
    void hasTheSameV1InfoHashAsMktorrentForTheSameKeys() throws Exception {
        Path mktorrent = RequiredTools.require("mktorrent");
        Path file = episode(300 * 1024 + 17);
        Path theirs = dir.resolve("mktorrent.torrent");
        RequiredTools.run(List.of(mktorrent.toString(), "-l", "15", "-a", TRACKER.toString(),
                "-w", WEB_SEED.toString(), "-n", "episode.mp4", "-o", theirs.toString(), file.toString()));

        Torrent ours = v1(file, 32 * 1024);

        Torrent reference = Torrent.parse(Files.readAllBytes(theirs));
        assertThat(ours.infoHash()).isEqualTo(reference.infoHash());
        assertThat(ours.infoBytes()).isEqualTo(reference.infoBytes());
    }

    @Test
    void transmissionShowPrintsOurV1InfoHash() throws Exception {
        Path transmissionShow = RequiredTools.require("transmission-show");
        Torrent ours = v1(episode(200_000), 16 * 1024);
        Path torrent = Files.write(dir.resolve("ours.torrent"), ours.bytes());

        String shown = RequiredTools.run(List.of(transmissionShow.toString(), torrent.toString()));

        assertThat(shown).contains("Hash: " + ours.infoHash().toHex());
    }

    @Test
    void libtorrentReportsOurHybridHashesAndVerifiesEveryPiece() throws Exception {
        Path python = RequiredTools.requirePythonModule("libtorrent");
        Path file = episode(5 * 16 * 1024 + 999); // six pieces: piece layers are written
        Torrent ours = Torrent.create(spec(), new FileHasher().hash(file, 16 * 1024, TorrentFormat.HYBRID));
        Path torrent = Files.write(dir.resolve("ours.torrent"), ours.bytes());

        String report = RequiredTools.run(List.of(python.toString(), script("libtorrent_check.py").toString(),
                torrent.toString(), dir.toString()));

        assertThat(report).contains("v1 " + ours.infoHash().toHex())
                .contains("v2 " + ours.infoHashV2().orElseThrow().toHex())
                .contains("progress 1.0");
    }

    @Test
    void readsLibtorrentsHybridTorrentsWithTheSameHashes() throws Exception {
        Path python = RequiredTools.requirePythonModule("libtorrent");
        Path file = episode(100_000);
        Path torrent = dir.resolve("libtorrent.torrent");

        String report = RequiredTools.run(List.of(python.toString(), script("libtorrent_create.py").toString(),
                file.toString(), torrent.toString(), "16384"));

        Torrent theirs = Torrent.parse(Files.readAllBytes(torrent));
        assertThat(report).contains("v1 " + theirs.infoHash().toHex())
                .contains("v2 " + theirs.infoHashV2().orElseThrow().toHex());
        Torrent ours = Torrent.create(spec(), new FileHasher().hash(file, 16 * 1024, TorrentFormat.HYBRID));
        assertThat(pieceTreeOf(ours)).isEqualTo(pieceTreeOf(theirs));
    }

    @Test
    void opensslVerifiesOurBep35Signature() throws Exception {
        Path openssl = RequiredTools.require("openssl");
        PublisherIdentity publisher = TestIdentities.in(dir.resolve("identity"), "com.example.shows");
        Torrent signed = publisher.sign(v1(episode(50_000), 16 * 1024), "guid-1", Instant.now());
        BDict entry = (BDict) ((BDict) signed.root().get("signatures").orElseThrow())
                .get("com.example.shows").orElseThrow();
        byte[] signatureInfo = entry.get("info").orElseThrow().span().orElseThrow().copyFrom(signed.bytes());
        Path data = Files.write(dir.resolve("data.bin"), ReferenceHashes.concat(signed.infoBytes(), signatureInfo));
        Path signature = Files.write(dir.resolve("sig.bin"), ((BString) entry.get("signature").orElseThrow()).bytes());
        Path publicKey = dir.resolve("pub.pem");
        RequiredTools.run(List.of(openssl.toString(), "x509", "-in",
                dir.resolve("identity/publisher.pem").toString(), "-pubkey", "-noout", "-out", publicKey.toString()));

        String verified = RequiredTools.run(List.of(openssl.toString(), "dgst", "-sha1", "-verify",
                publicKey.toString(), "-signature", signature.toString(), data.toString()));

        assertThat(verified).contains("Verified OK");
    }

    /** The v2 hashes of the file, which must not depend on who made the torrent. */
    private static Optional<String> pieceTreeOf(Torrent torrent) {
        BDict info = (BDict) torrent.root().get("info").orElseThrow();
        return info.get("file tree").map(Object::toString);
    }

    private Torrent v1(Path file, int pieceLength) throws Exception {
        return Torrent.create(spec(), new FileHasher().hashPieces(file, pieceLength, TorrentFormat.V1));
    }

    private static TorrentSpec spec() {
        return new TorrentSpec("episode.mp4", List.of(TRACKER), List.of(WEB_SEED), null, "Seedcast", null);
    }

    private Path episode(int length) throws Exception {
        return Files.write(dir.resolve("episode.mp4"), PieceHasherTests.bytes(length, length));
    }

    private Path script(String name) throws Exception {
        Path script = dir.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, script);
        }
        return script;
    }
}
