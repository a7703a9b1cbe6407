package org.seedcast.torrent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.torrent.bencode.BencodeEncoder;

/**
 * The publisher's signing identity for BEP 35: an RSA-2048 key and a self-signed X.509
 * certificate whose subject CN is the publisher's reverse-DNS id ({@code com.example.shows}).
 * Created on first use in a directory ({@code publisher-key.pem}, mode 600, and
 * {@code publisher.pem}) and loaded from there later, or loaded from a PKCS#12 keystore.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0035.html">BEP 35</a>
 */
public final class PublisherIdentity {

    public static final String KEY_FILE = "publisher-key.pem";
    public static final String CERTIFICATE_FILE = "publisher.pem";
    /** The JDK's logger: this package stays free of frameworks; Spring Boot routes it to the application's log. */
    private static final System.Logger LOG = System.getLogger(PublisherIdentity.class.getName());
    private static final Pattern REVERSE_DNS = Pattern.compile("[A-Za-z0-9-]+(\\.[A-Za-z0-9-]+)+");

    private final String id;
    private final PrivateKey key;
    private final X509Certificate certificate;

    private PublisherIdentity(String id, PrivateKey key, X509Certificate certificate) {
        this.id = id;
        this.key = key;
        this.certificate = certificate;
    }

    /**
     * Loads the identity kept in {@code directory}, creating it there on first use with a
     * certificate valid from {@code now}.
     */
    public static PublisherIdentity loadOrCreate(Path directory, String publisherId, Instant now) throws IOException {
        checkId(publisherId);
        Path keyFile = directory.resolve(KEY_FILE);
        Path certificateFile = directory.resolve(CERTIFICATE_FILE);
        boolean hasKey = Files.exists(keyFile);
        if (hasKey != Files.exists(certificateFile)) {
            throw new IOException("found only one of " + keyFile + " and " + certificateFile
                    + "; restore the other or remove both to make a new identity");
        }
        PublisherIdentity identity = hasKey ? load(keyFile, certificateFile)
                : create(directory, publisherId, keyFile, certificateFile, now);
        if (!identity.id.equals(publisherId)) {
            throw new IOException(certificateFile + " belongs to " + identity.id + ", not to "
                    + publisherId + " as configured");
        }
        return identity;
    }

    /** Loads the key and certificate under {@code alias} from a PKCS#12 keystore. */
    public static PublisherIdentity fromKeyStore(Path keyStore, char[] password, String alias)
            throws IOException {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            if (!(store.getKey(alias, password) instanceof PrivateKey key)
                    || !(store.getCertificate(alias) instanceof X509Certificate certificate)) {
                throw new IOException(keyStore + " has no private key and certificate under alias " + alias);
            }
            return of(key, certificate, keyStore.toString());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the keystore " + keyStore + ": " + e.getMessage(), e);
        }
    }

    private static PublisherIdentity of(PrivateKey key, X509Certificate certificate, String source)
            throws IOException {
        String id = Bep35.commonName(certificate)
                .orElseThrow(() -> new IOException("the certificate in " + source + " has no subject CN"));
        checkId(id);
        return new PublisherIdentity(id, key, certificate);
    }

    private static PublisherIdentity load(Path keyFile, Path certificateFile) throws IOException {
        keepOwnerOnly(keyFile);
        try {
            PrivateKey key = Pem.readRsaKey(Files.readString(keyFile, StandardCharsets.ISO_8859_1));
            X509Certificate certificate = Pem.readCertificate(
                    Files.readString(certificateFile, StandardCharsets.ISO_8859_1));
            return of(key, certificate, certificateFile.toString());
        } catch (GeneralSecurityException e) {
            throw new IOException("cannot read the publisher identity in " + keyFile.getParent()
                    + ": " + e.getMessage(), e);
        }
    }

    private static PublisherIdentity create(Path directory, String publisherId, Path keyFile,
            Path certificateFile, Instant now) throws IOException {
        KeyPair keys = rsaKeyPair();
        X509Certificate certificate = SelfSignedCertificate.issue(publisherId, keys, now);
        Files.createDirectories(directory);
        writePrivate(keyFile, Pem.privateKey(keys.getPrivate()));
        Files.writeString(certificateFile, Pem.certificate(certificate), StandardCharsets.US_ASCII);
        return new PublisherIdentity(publisherId, keys.getPrivate(), certificate);
    }

    /**
     * A key file that others can read (a restore from a backup, a careless {@code chmod}) is a
     * signing key others can copy: narrowed to {@code 0600}, and said so in the log.
     */
    private static void keepOwnerOnly(Path keyFile) throws IOException {
        if (!keyFile.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(keyFile);
        Set<PosixFilePermission> ownerOnly = PosixFilePermissions.fromString("rw-------");
        if (!ownerOnly.containsAll(permissions)) {
            Files.setPosixFilePermissions(keyFile, ownerOnly);
            LOG.log(System.Logger.Level.WARNING, "{0} was {1}: readable beyond its owner; narrowed to rw-------. "
                    + "Anyone who read it can sign torrents as this publisher.", keyFile, PosixFilePermissions.toString(permissions));
        }
    }

    /** Writes the key into a file that is owner-only from its first byte, then moves it in place. */
    private static void writePrivate(Path file, String pem) throws IOException {
        Path temporary = file.resolveSibling(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(
                    PosixFilePermissions.fromString("rw-------")));
        }
        Files.writeString(temporary, pem, StandardCharsets.US_ASCII);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.delete(temporary);
            throw e;
        }
    }

    private static KeyPair rsaKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("RSA is part of every Java runtime", e);
        }
    }

    private static void checkId(String publisherId) {
        if (publisherId == null || !REVERSE_DNS.matcher(publisherId).matches()) {
            throw new IllegalArgumentException(
                    "a publisher id is a reverse-DNS name like com.example.shows, not " + publisherId);
        }
    }

    /** The reverse-DNS id, the key of this publisher's entry in {@code signatures}. */
    public String id() {
        return id;
    }

    public X509Certificate certificate() {
        return certificate;
    }

    /** The certificate as PEM, as served at {@code /.well-known/seedcast/publisher.pem}. */
    public String certificatePem() {
        return Pem.certificate(certificate);
    }

    /**
     * Adds {@code signatures[id]} to the torrent: the DER certificate, a signed {@code info} dict
     * holding the episode's {@code guid} and {@code published} time (Unix seconds), and the
     * signature over the info dict's bytes followed by that dict's bytes. Other signers'
     * entries are kept; the info-hashes do not change.
     */
    public Torrent sign(Torrent torrent, String guid, Instant published) {
        BDict signatureInfo = BDict.builder().put("guid", guid).put("published", published.getEpochSecond()).build();
        byte[] data = Bep35.signedBytes(torrent.infoBytes(), Optional.of(BencodeEncoder.encode(signatureInfo)));
        try {
            BDict entry = BDict.builder()
                    .put(Bep35.CERTIFICATE, BString.of(certificate.getEncoded()))
                    .put(Bep35.INFO, signatureInfo)
                    .put(Bep35.SIGNATURE, BString.of(Bep35.sign(data, key)))
                    .build();
            return withSignature(torrent, entry);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("could not sign with the publisher key", e);
        }
    }

    private Torrent withSignature(Torrent torrent, BDict entry) {
        BDict signatures = torrent.root().get(Bep35.SIGNATURES)
                .filter(BDict.class::isInstance).map(BDict.class::cast)
                .orElse(BDict.builder().build());
        BDict root = torrent.root().with(Bep35.SIGNATURES, signatures.with(id, entry));
        Torrent signed = Torrent.fromOwnBytes(BencodeEncoder.encode(root));
        if (!signed.infoHash().equals(torrent.infoHash())) {
            throw new IllegalStateException("signing changed the info-hash");
        }
        return signed;
    }

    /** Checks that the torrent was signed by this publisher and not changed since. */
    public Verification verify(byte[] torrentBytes) {
        return TorrentVerifier.verify(torrentBytes, certificate);
    }

    @Override
    public String toString() {
        return "PublisherIdentity[" + id + "]";
    }
}
