package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BList;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.torrent.bencode.BencodeEncoder;

class TorrentVerifierTests {

    static PublisherIdentity publisher;
    static PublisherIdentity impostor;
    static PublisherIdentity other;
    static Path keyDir;

    @BeforeAll
    static void identities(@TempDir Path dir) throws Exception {
        keyDir = dir;
        publisher = TestIdentities.in(dir.resolve("a"), "com.example.shows");
        impostor = TestIdentities.in(dir.resolve("b"), "com.example.shows", "impostor");
        other = TestIdentities.in(dir.resolve("c"), "org.other.shows");
    }

    @Test
    void findsATorrentSignedByThePublisherGenuine() {
        Torrent torrent = PublisherIdentityTests.torrent();
        Torrent signed = publisher.sign(torrent, "urn:uuid:1234", Instant.parse("2026-03-01T10:00:00Z"));

        Verification result = TorrentVerifier.verify(signed.bytes(), publisher.certificate());

        assertThat(result).isEqualTo(new Verification(Verdict.GENUINE, "com.example.shows",
                "signed by com.example.shows, guid urn:uuid:1234, published 2026-03-01T10:00:00Z"));
        assertThat(signed.infoHash()).isEqualTo(torrent.infoHash());
        assertThat(signed.infoHashV2()).isEqualTo(torrent.infoHashV2());
        assertThat(TorrentVerifier.verify(signed.bytes()).verdict()).isEqualTo(Verdict.GENUINE);
    }

    @Test
    void webSeedsAddedAfterSigningKeepTheHashesAndTheSignature() {
        Torrent signed = publisher.sign(PublisherIdentityTests.torrent(), "g", Instant.now());
        URI mirror = URI.create("https://cdn.example.net/media/7/e.mp4");

        Torrent mirrored = signed.withMoreWebSeeds(List.of(mirror, signed.webSeeds().getFirst()));

        assertThat(mirrored.webSeeds()).as("our own first, once, then the mirror")
                .containsExactly(signed.webSeeds().getFirst(), mirror);
        assertThat(mirrored.infoHash()).isEqualTo(signed.infoHash());
        assertThat(mirrored.infoHashV2()).isEqualTo(signed.infoHashV2());
        assertThat(mirrored.bytes()).isNotEqualTo(signed.bytes());
        assertThat(TorrentVerifier.verify(mirrored.bytes(), publisher.certificate()).verdict()).isEqualTo(Verdict.GENUINE);
        assertThat(mirrored.magnetLink().toString()).endsWith("&ws=" + MagnetLink.encode(mirror.toString()));
    }

    @Test
    void trackersAddedAfterSigningJoinTheFirstTierAndKeepTheHashesAndTheSignature() {
        Torrent signed = publisher.sign(PublisherIdentityTests.torrent(), "g", Instant.now());
        URI own = signed.trackers().getFirst();
        URI node = URI.create("http://tracker-2.example.net:6969/announce");

        Torrent more = signed.withMoreTrackers(List.of(node, own));

        assertThat(more.trackers()).as("ours first, once, then the other node")
                .containsExactly(own, signed.trackers().get(1), node);
        BList tiers = (BList) more.root().get("announce-list").orElseThrow();
        assertThat(tiers.values()).as("one tier").hasSize(1);
        assertThat(more.root().get("announce")).contains(BString.of(own.toString()));
        assertThat(more.infoHash()).isEqualTo(signed.infoHash());
        assertThat(more.infoHashV2()).isEqualTo(signed.infoHashV2());
        assertThat(TorrentVerifier.verify(more.bytes(), publisher.certificate()).verdict()).isEqualTo(Verdict.GENUINE);
        assertThat(more.magnetLink().toString()).contains("&tr=" + MagnetLink.encode(node.toString()));
        assertThat(signed.withMoreTrackers(List.of(own))).as("nothing new: the same torrent").isSameAs(signed);
    }

    @Test
    void findsAChangedInfoDictTampered() {
        byte[] signed = publisher.sign(PublisherIdentityTests.torrent(), "g", Instant.now()).bytes();
        byte[] changed = replace(signed, "5:e.mp4", "5:x.mp4"); // same length, new file name

        assertThat(TorrentVerifier.verify(changed, publisher.certificate()).verdict()).isEqualTo(Verdict.TAMPERED);
        assertThat(TorrentVerifier.verify(changed).verdict()).isEqualTo(Verdict.TAMPERED);
    }

    @Test
    void findsChangedSignedDetailsTampered() {
        byte[] signed = publisher.sign(PublisherIdentityTests.torrent(), "guid-1", Instant.now()).bytes();
        byte[] changed = replace(signed, "6:guid-1", "6:guid-2");

        assertThat(TorrentVerifier.verify(changed, publisher.certificate()).reason())
                .isEqualTo("the signature by com.example.shows does not match: "
                        + "the torrent's content or its signed details were changed");
    }

    @Test
    void findsATorrentWithoutSignaturesUnsigned() {
        Verification result = TorrentVerifier.verify(PublisherIdentityTests.torrent().bytes(), publisher.certificate());

        assertThat(result.verdict()).isEqualTo(Verdict.UNSIGNED);
    }

    @Test
    void findsAnotherPublishersSignatureSignedByOther() {
        byte[] signed = other.sign(PublisherIdentityTests.torrent(), "g", Instant.now()).bytes();

        Verification result = TorrentVerifier.verify(signed, publisher.certificate());

        assertThat(result).isEqualTo(new Verification(Verdict.SIGNED_BY_OTHER, "org.other.shows",
                "signed by org.other.shows, not by com.example.shows"));
    }

    @Test
    void findsAnImpostorUsingThePublishersIdSignedByOther() {
        byte[] signed = impostor.sign(PublisherIdentityTests.torrent(), "g", Instant.now()).bytes();

        assertThat(TorrentVerifier.verify(signed, publisher.certificate()).verdict())
                .isEqualTo(Verdict.SIGNED_BY_OTHER);
    }

    @Test
    void keepsOtherSignersWhenSigning() {
        Torrent bySomeone = other.sign(PublisherIdentityTests.torrent(), "g", Instant.now());

        Torrent byBoth = publisher.sign(bySomeone, "g", Instant.now());

        assertThat(TorrentVerifier.verify(byBoth.bytes(), publisher.certificate()).genuine()).isTrue();
        assertThat(TorrentVerifier.verify(byBoth.bytes(), other.certificate()).genuine()).isTrue();
    }

    @Test
    void acceptsASignatureWithoutTheOptionalSignedInfo() throws Exception {
        Torrent torrent = PublisherIdentityTests.torrent();
        PrivateKey key = Pem.readRsaKey(Files.readString(keyDir.resolve("a/publisher-key.pem")));
        BDict entry = BDict.builder() // BEP 35: certificate and info are optional, signature is not
                .put("signature", BString.of(Bep35.sign(torrent.infoBytes(), key)))
                .build();
        BDict root = torrent.root().with("signatures", BDict.builder().put("com.example.shows", entry).build());

        Verification result = TorrentVerifier.verify(BencodeEncoder.encode(root), publisher.certificate());

        assertThat(result.verdict()).isEqualTo(Verdict.GENUINE);
    }

    @Test
    void answersCorruptInputWithAVerdictNotAnException() {
        byte[] signed = publisher.sign(PublisherIdentityTests.torrent(), "g", Instant.now()).bytes();
        Random random = new Random(35);
        for (int i = 0; i < 300; i++) {
            byte[] corrupt = signed.clone();
            corrupt[random.nextInt(corrupt.length)] ^= (byte) (1 + random.nextInt(255));

            Verification result = TorrentVerifier.verify(corrupt, publisher.certificate());

            assertThat(result.reason()).isNotBlank();
        }
        assertThat(TorrentVerifier.verify("not a torrent".getBytes(StandardCharsets.US_ASCII)).verdict())
                .isEqualTo(Verdict.MALFORMED);
    }

    static byte[] replace(byte[] bytes, String from, String to) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        assertThat(text).contains(from);
        return text.replace(from, to).getBytes(StandardCharsets.ISO_8859_1);
    }
}
