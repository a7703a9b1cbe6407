package org.seedcast.database;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Set;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded PostgreSQL superuser's password: generated once, kept in a file only the
 * application's OS user can read ({@code 0600} in a {@code 0700} directory beside the database
 * files, not inside them: {@code initdb} wants an empty directory and reads it with {@code --pwfile}).
 */
final class DatabasePassword {

    private static final Logger log = LoggerFactory.getLogger(DatabasePassword.class);
    private static final Set<PosixFilePermission> OWNER_FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_DIR = PosixFilePermissions.fromString("rwx------");

    private DatabasePassword() {
    }

    static Path fileIn(Path dataDir) {
        return dataDir.toAbsolutePath().normalize().resolve("postgres-auth").resolve("superuser.password");
    }

    /** The password kept under {@code dataDir}, created when missing; permissions wider than the owner's are narrowed. */
    static String readOrCreate(Path dataDir) throws IOException {
        Path file = fileIn(dataDir);
        Files.createDirectories(file.getParent());
        restrict(file.getParent(), OWNER_DIR);
        if (!Files.exists(file)) {
            create(file);
        }
        restrict(file, OWNER_FILE);
        String password = Files.readString(file).strip();
        if (password.isEmpty()) {
            throw new IllegalStateException(file + " is empty: restore the database password from a backup, "
                    + "or remove it together with the embedded database files");
        }
        return password;
    }

    private static void create(Path file) throws IOException {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.deleteIfExists(tmp);
        if (supportsPosix(file.getParent())) {
            Files.createFile(tmp, PosixFilePermissions.asFileAttribute(OWNER_FILE));
        } else {
            Files.createFile(tmp);
        }
        Files.writeString(tmp, HexFormat.of().formatHex(random) + "\n");
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(tmp);
        }
    }

    private static void restrict(Path path, Set<PosixFilePermission> wanted) throws IOException {
        if (!supportsPosix(path)) {
            return;
        }
        Set<PosixFilePermission> actual = Files.getPosixFilePermissions(path);
        if (!actual.equals(wanted)) {
            log.warn("{} was {}; narrowed to {} so that only Seedcast's OS user can read the database password",
                    path, PosixFilePermissions.toString(actual), PosixFilePermissions.toString(wanted));
            Files.setPosixFilePermissions(path, wanted);
        }
    }

    private static boolean supportsPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
