package org.seedcast.torrent;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The fixed parts of BEP 35: the {@code signatures} keys and the signed bytes,
 * {@code bencode(info) ‖ bencode(signatures[id].info)}, signed with RSA PKCS#1 v1.5 over SHA-1,
 * the one algorithm other implementations (ut-signing-tool) use.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0035.html">BEP 35</a>
 */
final class Bep35 {

    static final String SIGNATURES = "signatures";
    static final String CERTIFICATE = "certificate";
    static final String INFO = "info";
    static final String SIGNATURE = "signature";
    private static final String ALGORITHM = "SHA1withRSA";

    private Bep35() {
    }

    /** The info dict's exact bytes, then the signature info's bytes when there is one. */
    static byte[] signedBytes(byte[] infoBytes, Optional<byte[]> signatureInfoBytes) {
        byte[] extra = signatureInfoBytes.orElse(new byte[0]);
        byte[] data = new byte[infoBytes.length + extra.length];
        System.arraycopy(infoBytes, 0, data, 0, infoBytes.length);
        System.arraycopy(extra, 0, data, infoBytes.length, extra.length);
        return data;
    }

    static byte[] sign(byte[] data, PrivateKey key) throws GeneralSecurityException {
        Signature signature = Signature.getInstance(ALGORITHM);
        signature.initSign(key);
        signature.update(data);
        return signature.sign();
    }

    static boolean verify(byte[] data, byte[] signatureBytes, PublicKey key) {
        try {
            Signature signature = Signature.getInstance(ALGORITHM);
            signature.initVerify(key);
            signature.update(data);
            return signature.verify(signatureBytes);
        } catch (GeneralSecurityException e) {
            return false; // a malformed signature or an unusable key proves nothing
        }
    }

    /** The certificate subject's CN: the signer's reverse-DNS id. */
    static Optional<String> commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return Optional.of(String.valueOf(rdn.getValue()));
                }
            }
            return Optional.empty();
        } catch (InvalidNameException e) {
            return Optional.empty();
        }
    }
}
