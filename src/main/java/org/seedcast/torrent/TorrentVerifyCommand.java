package org.seedcast.torrent;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;

/**
 * {@code verify FILE.torrent [--cert publisher.pem]}: checks a torrent's BEP 35 signature and
 * prints one line. Exit 0 only when genuine (and, with {@code --cert}, signed with that
 * certificate); 1 when it is not; 2 on a usage or file error. Plain Java, so that
 * {@code java -jar seedcast.jar verify ...} can hand its arguments straight over.
 */
public final class TorrentVerifyCommand {

    public static final int GENUINE = 0;
    public static final int NOT_GENUINE = 1;
    public static final int USAGE = 2;
    static final String USAGE_LINE = "usage: verify FILE.torrent [--cert publisher.pem]";

    private TorrentVerifyCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        Arguments arguments = Arguments.parse(args);
        if (arguments == null) {
            err.println(USAGE_LINE);
            return USAGE;
        }
        try {
            byte[] torrent = Files.readAllBytes(arguments.torrent);
            X509Certificate expected = arguments.certificate == null ? null : readCertificate(arguments.certificate);
            Verification result = TorrentVerifier.verify(torrent, expected);
            out.println(result.verdict() + ": " + result.reason());
            return result.genuine() ? GENUINE : NOT_GENUINE;
        } catch (NoSuchFileException e) {
            err.println("no such file: " + e.getFile());
        } catch (IOException e) {
            err.println("cannot read: " + e.getMessage());
        } catch (CertificateException e) {
            err.println("not a PEM certificate: " + arguments.certificate);
        }
        return USAGE;
    }

    private static X509Certificate readCertificate(Path file) throws IOException, CertificateException {
        return Pem.readCertificate(Files.readString(file, StandardCharsets.ISO_8859_1));
    }

    private record Arguments(Path torrent, Path certificate) {

        static Arguments parse(String[] args) {
            int at = args.length > 0 && args[0].equals("verify") ? 1 : 0;
            int left = args.length - at;
            if (left == 1 && !args[at].startsWith("--")) {
                return new Arguments(Path.of(args[at]), null);
            }
            if (left == 3 && !args[at].startsWith("--") && args[at + 1].equals("--cert")) {
                return new Arguments(Path.of(args[at]), Path.of(args[at + 2]));
            }
            return null;
        }
    }
}
