package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherIdentityTests {

    @TempDir
    Path dir;

    @Test
    void createsAKeyOnlyItsOwnerCanReadAndACertificateNamedByTheId() throws Exception {
        PublisherIdentity identity = PublisherIdentity.loadOrCreate(dir, "com.example.shows", Instant.now());

        assertThat(identity.id()).isEqualTo("com.example.shows");
        assertThat(identity.certificate().getSubjectX500Principal().getName()).isEqualTo("CN=com.example.shows");
        assertThat(identity.certificate().getPublicKey().getAlgorithm()).isEqualTo("RSA");
        assertThat(((java.security.interfaces.RSAPublicKey) identity.certificate().getPublicKey())
                .getModulus().bitLength()).isEqualTo(2048);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("publisher-key.pem"))))
                .isEqualTo("rw-------");
        assertThat(Files.readString(dir.resolve("publisher.pem"))).startsWith("-----BEGIN CERTIFICATE-----\n")
                .isEqualTo(identity.certificatePem());
    }

    @Test
    void narrowsAKeyFileOthersCouldReadToItsOwnerOnLoad() throws Exception {
        TestIdentities.in(dir, "com.example.shows");
        Path key = dir.resolve("publisher-key.pem");
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        PublisherIdentity.loadOrCreate(dir, "com.example.shows", Instant.now());

        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");
    }

    @Test
    void loadsTheSameIdentityOnLaterStarts() throws Exception {
        PublisherIdentity first = PublisherIdentity.loadOrCreate(dir, "com.example.shows", Instant.now());

        PublisherIdentity again = PublisherIdentity.loadOrCreate(dir, "com.example.shows", Instant.now());

        assertThat(again.certificate()).isEqualTo(first.certificate());
        Torrent signed = again.sign(torrent(), "guid-1", Instant.now());
        assertThat(first.verify(signed.bytes()).verdict()).isEqualTo(Verdict.GENUINE);
    }

    @Test
    void refusesAnIdentityMadeForAnotherPublisherId() throws Exception {
        TestIdentities.in(dir, "com.example.shows");

        assertThatThrownBy(() -> PublisherIdentity.loadOrCreate(dir, "org.other.shows", Instant.now()))
                .hasMessageContaining("belongs to com.example.shows, not to org.other.shows");
    }

    @Test
    void refusesAnIdThatIsNotReverseDns() {
        assertThatThrownBy(() -> PublisherIdentity.loadOrCreate(dir, "shows", Instant.now()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void loadsFromAPkcs12KeyStore() throws Exception {
        PublisherIdentity made = TestIdentities.in(dir.resolve("made"), "com.example.shows");
        Path keyStore = dir.resolve("publisher.p12");
        char[] password = "secret".toCharArray();
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("publisher", Pem.readRsaKey(Files.readString(dir.resolve("made/publisher-key.pem"))),
                password, new Certificate[] {made.certificate()});
        try (OutputStream out = Files.newOutputStream(keyStore)) {
            store.store(out, password);
        }

        PublisherIdentity loaded = PublisherIdentity.fromKeyStore(keyStore, password, "publisher");

        assertThat(loaded.id()).isEqualTo("com.example.shows");
        assertThat(made.verify(loaded.sign(torrent(), "g", Instant.now()).bytes()).genuine()).isTrue();
        assertThatThrownBy(() -> PublisherIdentity.fromKeyStore(keyStore, password, "nobody"))
                .hasMessageContaining("no private key and certificate under alias nobody");
    }

    static Torrent torrent() {
        return Torrent.create(TorrentTests.spec("e.mp4"), TorrentTests.hash(new byte[40_000], TorrentFormat.HYBRID));
    }
}
