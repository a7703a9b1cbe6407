package org.seedcast.torrent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTests {

    @TempDir
    Path dir;

    @Test
    void writesRfc7468TextWithSixtyFourCharacterLines() throws Exception {
        PublisherIdentity identity = TestIdentities.in(dir, "com.example.shows");
        byte[] der = identity.certificate().getEncoded();

        String pem = Pem.certificate(identity.certificate());

        String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        assertThat(pem).isEqualTo("-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
        assertThat(Pem.readCertificate(pem)).isEqualTo(identity.certificate());
    }

    @Test
    void readsTheCertificateBlockAfterOtherTextAndBlocks() throws Exception {
        PublisherIdentity identity = TestIdentities.in(dir, "com.example.shows");
        // any other block will do: an EC key, as a 3,072-bit RSA key takes seconds to generate
        String bundle = "Bag Attributes: friendly name\r\n" + Pem.privateKey(java.security.KeyPairGenerator
                .getInstance("EC").generateKeyPair().getPrivate()) + Pem.certificate(identity.certificate());

        assertThat(Pem.readCertificate(bundle)).isEqualTo(identity.certificate());
    }

    @Test
    void refusesTextWithoutTheBlockOrWithABrokenOne() {
        assertThatThrownBy(() -> Pem.readCertificate("not a certificate")).isInstanceOf(CertificateException.class)
                .hasMessage("no CERTIFICATE block in the PEM text");
        assertThatThrownBy(() -> Pem.readCertificate("-----BEGIN CERTIFICATE-----\n!!!!\n-----END CERTIFICATE-----\n"))
                .isInstanceOf(CertificateException.class);
    }
}
