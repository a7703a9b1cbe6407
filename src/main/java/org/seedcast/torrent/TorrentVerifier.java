package org.seedcast.torrent;

import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BInteger;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.torrent.bencode.BValue;
import org.seedcast.torrent.bencode.BencodeDecoder;

/**
 * Checks BEP 35 signatures. A signature can be stripped, so the useful question is "did this
 * publisher sign this torrent?": ask it with {@link #verify(byte[], X509Certificate)}. Without a
 * certificate, {@link #verify(byte[])} checks each signature against the certificate it carries,
 * which proves integrity but not who the signer is. Never throws on bad input.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0035.html">BEP 35</a>
 */
public final class TorrentVerifier {

    private TorrentVerifier() {
    }

    /** Checks every signature against the certificate embedded with it. */
    public static Verification verify(byte[] torrentBytes) {
        return verify(torrentBytes, null);
    }

    /** Checks that {@code expected}'s owner signed the torrent and nothing signed has changed. */
    public static Verification verify(byte[] torrentBytes, X509Certificate expected) {
        return verify(torrentBytes, expected, BencodeDecoder.DEFAULT_MAX_TOKENS);
    }

    /** As {@link #verify(byte[], X509Certificate)}, decoding at most {@code maxValues} bencode values. */
    public static Verification verify(byte[] torrentBytes, X509Certificate expected, int maxValues) {
        Torrent torrent;
        try {
            torrent = Torrent.parse(torrentBytes, maxValues);
        } catch (InvalidTorrentException e) {
            return Verification.of(Verdict.MALFORMED, null, e.getMessage());
        }
        Optional<BValue> signatures = torrent.root().get(Bep35.SIGNATURES);
        if (signatures.isEmpty() || signatures.get() instanceof BDict dict && dict.entries().isEmpty()) {
            return Verification.of(Verdict.UNSIGNED, null, "the torrent carries no BEP 35 signature");
        }
        if (!(signatures.get() instanceof BDict signers)) {
            return Verification.of(Verdict.MALFORMED, null, "signatures must be a dictionary");
        }
        return expected == null ? verifyEach(torrent, signers) : verifyBy(torrent, signers, expected);
    }

    private static Verification verifyBy(Torrent torrent, BDict signers, X509Certificate expected) {
        String expectedId = Bep35.commonName(expected).orElse("");
        Optional<BValue> entry = signers.get(expectedId);
        if (entry.isEmpty()) {
            String other = signers.entries().firstKey().text();
            return Verification.of(Verdict.SIGNED_BY_OTHER, other,
                    "signed by " + other + ", not by " + expectedId);
        }
        return check(torrent, expectedId, entry.get(), Optional.of(expected));
    }

    private static Verification verifyEach(Torrent torrent, BDict signers) {
        Verification result = null;
        for (Map.Entry<BString, BValue> signer : signers.entries().entrySet()) {
            result = check(torrent, signer.getKey().text(), signer.getValue(), Optional.empty());
            if (!result.genuine()) {
                return result;
            }
        }
        return result;
    }

    private static Verification check(Torrent torrent, String id, BValue value,
            Optional<X509Certificate> expected) {
        if (!(value instanceof BDict entry)) {
            return Verification.of(Verdict.MALFORMED, id, "the signature entry of " + id + " is not a dictionary");
        }
        Optional<BValue> signature = entry.get(Bep35.SIGNATURE);
        if (signature.isEmpty() || !(signature.get() instanceof BString signatureBytes)) {
            return Verification.of(Verdict.MALFORMED, id, "the signature entry of " + id + " has no signature");
        }
        Optional<X509Certificate> embedded;
        try {
            embedded = embeddedCertificate(entry);
        } catch (CertificateException e) {
            return Verification.of(Verdict.MALFORMED, id, "the certificate of " + id + " is unreadable");
        }
        return checkSignature(torrent, id, entry, signatureBytes, embedded, expected);
    }

    private static Verification checkSignature(Torrent torrent, String id, BDict entry,
            BString signature, Optional<X509Certificate> embedded, Optional<X509Certificate> expected) {
        if (expected.isPresent() && embedded.isPresent() && !sameCertificate(embedded.get(), expected.get())) {
            return Verification.of(Verdict.SIGNED_BY_OTHER, id,
                    "signed in the name of " + id + " but with another certificate than the publisher's");
        }
        Optional<X509Certificate> certificate = expected.or(() -> embedded);
        if (certificate.isEmpty()) {
            return Verification.of(Verdict.SIGNED_BY_OTHER, id,
                    "signed by " + id + " without a certificate; check it against that publisher's certificate");
        }
        if (expected.isEmpty() && !Bep35.commonName(certificate.get()).orElse("").equals(id)) {
            return Verification.of(Verdict.TAMPERED, id, "the certificate signed as " + id + " is issued to "
                    + Bep35.commonName(certificate.get()).orElse("nobody"));
        }
        Optional<BValue> signedInfo = entry.get(Bep35.INFO);
        byte[] data = Bep35.signedBytes(torrent.infoBytes(),
                signedInfo.map(info -> info.span().orElseThrow().copyFrom(torrent.bytes())));
        if (!Bep35.verify(data, signature.bytes(), certificate.get().getPublicKey())) {
            return Verification.of(Verdict.TAMPERED, id, "the signature by " + id
                    + " does not match: the torrent's content or its signed details were changed");
        }
        return Verification.of(Verdict.GENUINE, id, "signed by " + id + describe(signedInfo));
    }

    private static Optional<X509Certificate> embeddedCertificate(BDict entry) throws CertificateException {
        Optional<BValue> value = entry.get(Bep35.CERTIFICATE);
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (!(value.get() instanceof BString der)) {
            throw new CertificateException("not a byte string");
        }
        return Optional.of(Pem.certificateFromDer(der.bytes()));
    }

    private static boolean sameCertificate(X509Certificate a, X509Certificate b) {
        try {
            return Arrays.equals(a.getEncoded(), b.getEncoded());
        } catch (CertificateEncodingException e) {
            return false;
        }
    }

    private static String describe(Optional<BValue> signedInfo) {
        if (signedInfo.isEmpty() || !(signedInfo.get() instanceof BDict info)) {
            return "";
        }
        StringBuilder details = new StringBuilder();
        info.get("guid").filter(BString.class::isInstance)
                .ifPresent(guid -> details.append(", guid ").append(((BString) guid).text()));
        info.get("published").filter(BInteger.class::isInstance)
                .ifPresent(time -> details.append(", published ")
                        .append(Instant.ofEpochSecond(((BInteger) time).value())));
        return details.toString();
    }
}
