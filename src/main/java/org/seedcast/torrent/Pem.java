package org.seedcast.torrent;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;
import org.bouncycastle.util.io.pem.PemWriter;

/**
 * PEM text (RFC 7468) for a certificate and a PKCS#8 private key, written and read by BouncyCastle's
 * PEM classes; the key stays PKCS#8 ({@code PRIVATE KEY}), the form the JDK's key factories read.
 */
final class Pem {

    private static final String CERTIFICATE = "CERTIFICATE";
    private static final String PRIVATE_KEY = "PRIVATE KEY";

    private Pem() {
    }

    static String certificate(X509Certificate certificate) {
        try {
            return encode(CERTIFICATE, certificate.getEncoded());
        } catch (CertificateEncodingException e) {
            throw new IllegalStateException("a certificate that cannot be encoded", e);
        }
    }

    static String privateKey(PrivateKey key) {
        return encode(PRIVATE_KEY, key.getEncoded());
    }

    static X509Certificate readCertificate(String pem) throws CertificateException {
        return certificateFromDer(decode(CERTIFICATE, pem));
    }

    static X509Certificate certificateFromDer(byte[] der) throws CertificateException {
        return (X509Certificate) CertificateFactory.getInstance("X.509")
                .generateCertificate(new ByteArrayInputStream(der));
    }

    static PrivateKey readRsaKey(String pem) throws GeneralSecurityException {
        return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(decode(PRIVATE_KEY, pem)));
    }

    private static String encode(String label, byte[] der) {
        StringWriter text = new StringWriter();
        try (PemWriter writer = new PemWriter(text)) {
            writer.writeObject(new PemObject(label, der));
        } catch (IOException e) {
            throw new UncheckedIOException("writing to a string", e);
        }
        return text.toString();
    }

    /** The contents of the first {@code label} block, whatever other blocks come before it. */
    private static byte[] decode(String label, String pem) throws CertificateException {
        try (PemReader reader = new PemReader(new StringReader(pem))) {
            for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
                if (block.getType().equals(label)) {
                    return block.getContent();
                }
            }
        } catch (IOException | RuntimeException e) { // BouncyCastle's base64 decoder throws DecoderException
            throw new CertificateException("the " + label + " block is not valid PEM", e);
        }
        throw new CertificateException("no " + label + " block in the PEM text");
    }
}
