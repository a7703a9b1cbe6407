package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorrentVerifyCommandTests {

    @TempDir
    static Path dir;
    static Path signed;
    static Path unsigned;
    static Path certificate;
    static Path otherCertificate;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void files() throws Exception {
        PublisherIdentity publisher = TestIdentities.in(dir.resolve("me"), "com.example.shows");
        PublisherIdentity other = TestIdentities.in(dir.resolve("other"), "org.other.shows");
        Torrent torrent = PublisherIdentityTests.torrent();
        signed = Files.write(dir.resolve("signed.torrent"), publisher.sign(torrent, "g", Instant.EPOCH).bytes());
        unsigned = Files.write(dir.resolve("unsigned.torrent"), torrent.bytes());
        certificate = dir.resolve("me/publisher.pem");
        otherCertificate = dir.resolve("other/publisher.pem");
    }

    @Test
    void exitsZeroForAGenuineTorrent() {
        assertThat(run("verify", signed.toString(), "--cert", certificate.toString())).isZero();
        assertThat(stdout()).isEqualTo("GENUINE: signed by com.example.shows, guid g, published 1970-01-01T00:00:00Z\n");
        assertThat(run("verify", signed.toString())).isZero();
    }

    @Test
    void exitsNonZeroWithOneLineWhenNotGenuine() {
        assertThat(run("verify", unsigned.toString())).isEqualTo(1);
        assertThat(stdout()).isEqualTo("UNSIGNED: the torrent carries no BEP 35 signature\n");
    }

    @Test
    void exitsNonZeroWhenSignedWithAnotherCertificate() {
        assertThat(run("verify", signed.toString(), "--cert", otherCertificate.toString())).isEqualTo(1);
        assertThat(stdout()).startsWith("SIGNED_BY_OTHER: signed by com.example.shows, not by org.other.shows");
    }

    @Test
    void reportsACorruptFileInOneLine() throws Exception {
        Path corrupt = Files.writeString(dir.resolve("corrupt.torrent"), "d4:info");

        assertThat(run(corrupt.toString())).isEqualTo(1);
        assertThat(stdout()).isEqualTo("MALFORMED: not a valid torrent: truncated input: expected a value at byte 7\n");
    }

    @Test
    void reportsUsageAndMissingFiles() {
        assertThat(run()).isEqualTo(2);
        assertThat(stderr()).isEqualTo("usage: verify FILE.torrent [--cert publisher.pem]\n");
        assertThat(run("verify", dir.resolve("missing.torrent").toString())).isEqualTo(2);
        assertThat(stderr()).endsWith("no such file: " + dir.resolve("missing.torrent") + "\n");
        assertThat(run("verify", signed.toString(), "--cert", signed.toString())).isEqualTo(2);
        assertThat(stderr()).endsWith("not a PEM certificate: " + signed + "\n");
    }

    private int run(String... args) {
        return TorrentVerifyCommand.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
