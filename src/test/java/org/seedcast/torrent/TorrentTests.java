package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

class TorrentTests {

    static final URI HTTP_TRACKER = URI.create("http://tracker.example:8080/announce");
    static final URI UDP_TRACKER = URI.create("udp://tracker.example:6969/announce");
    static final URI WEB_SEED = URI.create("https://media.example/shows/abc.txt");

    @Test
    void writesTheExactBytesOfASingleFileV1Torrent() {
        Torrent torrent = Torrent.create(spec("abc.txt"), hash("abc".getBytes(StandardCharsets.US_ASCII),
                TorrentFormat.V1));

        byte[] expected = bytes(
                "d",
                "8:announce", "36:http://tracker.example:8080/announce",
                "13:announce-list", "l", "l",                 // one tier ...
                "36:http://tracker.example:8080/announce",      // ... HTTP
                "35:udp://tracker.example:6969/announce", "e", "e", // ... and UDP
                "7:comment", "8:season 1",
                "10:created by", "12:Seedcast 0.1",
                "13:creation date", "i1767225600e",             // 2026-01-01T00:00:00Z
                "4:info", "d",
                "6:length", "i3e",                              // file length
                "4:name", "7:abc.txt",                          // stable file name
                "12:piece length", "i16384e",                   // 16 KiB
                "6:pieces", "20:", hex("a9993e364706816aba3e25717850c26c9cd0d89d"), // SHA-1("abc")
                "e",
                "8:url-list", "l", "35:https://media.example/shows/abc.txt", "e", // web seed
                "e");
        // compared as Latin-1 text so that a failure shows where the bytes part
        assertThat(new String(torrent.bytes(), StandardCharsets.ISO_8859_1))
                .isEqualTo(new String(expected, StandardCharsets.ISO_8859_1));
    }

    @Test
    void hashesTheInfoDictsExactBytes() throws Exception {
        Torrent torrent = Torrent.create(spec("abc.txt"), hash(new byte[100_000], TorrentFormat.HYBRID));

        byte[] info = torrent.infoBytes();
        assertThat(torrent.infoHash().toBytes()).isEqualTo(MessageDigest.getInstance("SHA-1").digest(info));
        assertThat(torrent.infoHashV2().orElseThrow().toBytes())
                .isEqualTo(MessageDigest.getInstance("SHA-256").digest(info));
        assertThat(torrent.infoHashV2().orElseThrow().truncated().toHex())
                .isEqualTo(torrent.infoHashV2().orElseThrow().toHex().substring(0, 40));
    }

    @Test
    void writesTheV2KeysOfAHybridInsideInfoAndThePieceLayersOutside() throws Exception {
        byte[] file = PieceHasherTests.bytes(40_000, 7);
        PieceHashes hashes = hash(file, TorrentFormat.HYBRID);

        String text = new String(Torrent.create(spec("e.mp4"), hashes).bytes(), StandardCharsets.ISO_8859_1);

        String root = new String(ReferenceHashes.piecesRoot(file), StandardCharsets.ISO_8859_1);
        assertThat(text).contains("9:file treed5:e.mp4d0:d6:lengthi40000e11:pieces root32:" + root + "eee");
        assertThat(text).contains("12:meta versioni2e");
        assertThat(text).contains("12:piece layersd32:" + root + "96:"); // 3 pieces of 16 KiB
        assertThat(text.indexOf("12:piece layers")).isGreaterThan(text.indexOf("4:info"));
    }

    @Test
    void leavesOutPieceLayersForAFileOfOnePiece() {
        Torrent torrent = Torrent.create(spec("e.mp4"), hash(new byte[16384], TorrentFormat.HYBRID));

        assertThat(new String(torrent.bytes(), StandardCharsets.ISO_8859_1)).doesNotContain("piece layers");
    }

    @Test
    void keepsTheInfoHashWhenOnlyDescriptiveKeysChange() {
        PieceHashes hashes = hash(new byte[50_000], TorrentFormat.HYBRID);
        Torrent first = Torrent.create(spec("e.mp4"), hashes);

        Torrent edited = Torrent.create(new TorrentSpec("e.mp4", List.of(UDP_TRACKER), List.of(),
                "renamed episode, new notes", "Seedcast 0.2", Instant.now()), hashes);

        assertThat(edited.infoHash()).isEqualTo(first.infoHash());
        assertThat(edited.infoHashV2()).isEqualTo(first.infoHashV2());
    }

    @Test
    void readsBackWhatItWrote() throws Exception {
        Torrent written = Torrent.create(spec("e.mp4"), hash(new byte[50_000], TorrentFormat.HYBRID));

        Torrent read = Torrent.parse(written.bytes());

        assertThat(read.infoHash()).isEqualTo(written.infoHash());
        assertThat(read.infoHashV2()).isEqualTo(written.infoHashV2());
        assertThat(read.format()).isEqualTo(TorrentFormat.HYBRID);
        assertThat(read.name()).isEqualTo("e.mp4");
        assertThat(read.length()).isEqualTo(50_000);
        assertThat(read.trackers()).containsExactly(HTTP_TRACKER, UDP_TRACKER);
        assertThat(read.webSeeds()).containsExactly(WEB_SEED);
    }

    @Test
    void rejectsBrokenTorrentsWithAReadableReason() {
        assertThatThrownBy(() -> Torrent.parse("d4:infod4:name".getBytes(StandardCharsets.US_ASCII)))
                .isInstanceOf(InvalidTorrentException.class)
                .hasMessage("not a valid torrent: truncated input: expected a value at byte 14");
        assertThatThrownBy(() -> Torrent.parse("i1e".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("not a torrent: the file is not a bencoded dictionary");
        assertThatThrownBy(() -> Torrent.parse("d4:infoi1ee".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("info must be a dictionary");
        assertThatThrownBy(() -> Torrent.parse(
                "d4:infod4:name1:x12:piece lengthi16384e6:pieces3:abcee".getBytes(StandardCharsets.US_ASCII)))
                .hasMessage("info.pieces is not a whole number of SHA-1 hashes");
    }

    @Test
    void refusesNamesThatAreNotPlainFileNames() {
        assertThatThrownBy(() -> spec("../etc/passwd")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> spec(" ")).isInstanceOf(IllegalArgumentException.class);
    }

    static TorrentSpec spec(String name) {
        return new TorrentSpec(name, List.of(HTTP_TRACKER, UDP_TRACKER), List.of(WEB_SEED), "season 1",
                "Seedcast 0.1", Instant.parse("2026-01-01T00:00:00Z"));
    }

    static PieceHashes hash(byte[] file, TorrentFormat format) {
        PieceHasher hasher = PieceHasher.start(file.length, PieceLength.forFileLength(file.length), format);
        hasher.update(file, 0, file.length);
        return hasher.finish();
    }

    private static String hex(String hex) {
        return new String(HexFormat.of().parseHex(hex), StandardCharsets.ISO_8859_1);
    }

    private static byte[] bytes(String... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (String part : parts) {
            out.writeBytes(part.getBytes(StandardCharsets.ISO_8859_1));
        }
        return out.toByteArray();
    }
}
