package org.seedcast.tracker.protocol;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.function.LongSupplier;

/**
 * Stateless UDP connection ids (BEP 15): the upper 32 bits are the issue time in seconds, the lower
 * 32 bits a SipHash-2-4 MAC, under a secret key, of that time and the client's address. Not its
 * port: libtorrent keeps ids in a cache shared by all sessions of a process and uses an id from
 * another local port, which a port-bound id would drop unanswered (opentracker binds to the address
 * alone too); a spoofer gains nothing, as the id still proves the address received our reply.
 * The key is kept in a file ({@link #persistent}) so that ids stay valid across a restart and
 * clients need not connect again. Checking an id needs no table, so a flood of connects costs no memory. Ids are accepted
 * for {@code maxAgeSeconds} (BEP 15 asks for at least 2 minutes; uTorrent reuses 5-minute-old ids).
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0015.html">BEP 15</a>
 */
public final class ConnectionIds {

    private static final int CLOCK_SKEW = 10;
    private static final int KEY_BYTES = 16;

    private final long k0;
    private final long k1;
    private final int maxAgeSeconds;
    private final LongSupplier epochSeconds;

    public ConnectionIds(long k0, long k1, int maxAgeSeconds, LongSupplier epochSeconds) {
        this.k0 = k0;
        this.k1 = k1;
        this.maxAgeSeconds = maxAgeSeconds;
        this.epochSeconds = epochSeconds;
    }

    /** With a fresh random key and the wall clock. */
    public static ConnectionIds random(int maxAgeSeconds) {
        SecureRandom random = new SecureRandom();
        return new ConnectionIds(random.nextLong(), random.nextLong(), maxAgeSeconds,
                () -> System.currentTimeMillis() / 1000);
    }

    /**
     * With the key in {@code keyFile} (16 bytes), created with fresh random bytes if absent,
     * readable and writable by the owner only, and the wall clock. Read once, at start.
     *
     * @throws IOException if the file cannot be read or created, or does not hold 16 bytes
     */
    public static ConnectionIds persistent(Path keyFile, int maxAgeSeconds) throws IOException {
        return of(key(keyFile), maxAgeSeconds);
    }

    /** With a 16-byte key and the wall clock. */
    public static ConnectionIds of(byte[] key, int maxAgeSeconds) {
        if (key.length != KEY_BYTES) {
            throw new IllegalArgumentException("a connection-id key is 16 bytes, not " + key.length);
        }
        ByteBuffer b = ByteBuffer.wrap(key);
        return new ConnectionIds(b.getLong(), b.getLong(), maxAgeSeconds, () -> System.currentTimeMillis() / 1000);
    }

    /**
     * The key in {@code keyFile}, created with fresh random bytes, readable and writable by the
     * owner only, if absent.
     *
     * @throws IOException if the file cannot be read or created, or does not hold 16 bytes
     */
    public static byte[] key(Path keyFile) throws IOException {
        if (Files.exists(keyFile)) {
            byte[] key = Files.readAllBytes(keyFile);
            if (key.length != KEY_BYTES) {
                throw new IOException(keyFile + " holds " + key.length + " bytes, not the 16 of a connection-id key;"
                        + " remove it to make a new key");
            }
            return key;
        }
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        writePrivate(keyFile, key);
        return key;
    }

    /**
     * Replaces the key in {@code keyFile}: a cluster member adopts the key the cluster shares, so that
     * after a restart of the whole cluster its ids are still valid, whichever member starts first.
     */
    public static void replaceKey(Path keyFile, byte[] key) throws IOException {
        writePrivate(keyFile, key);
    }

    /** Owner-only from its first byte, then moved in place; a key written meanwhile by another wins. */
    private static void writePrivate(Path file, byte[] key) throws IOException {
        Path directory = file.toAbsolutePath().getParent();
        Files.createDirectories(directory);
        Path temporary = directory.resolve(file.getFileName() + ".new");
        Files.deleteIfExists(temporary);
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(temporary, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        }
        Files.write(temporary, key);
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.delete(temporary);
            throw e;
        }
    }

    public long issue(Endpoint client) {
        long now = epochSeconds.getAsLong() & 0xFFFF_FFFFL;
        return now << 32 | mac(client, now);
    }

    public boolean valid(long id, Endpoint client) {
        long issued = id >>> 32;
        long age = (epochSeconds.getAsLong() & 0xFFFF_FFFFL) - issued;
        return age >= -CLOCK_SKEW && age <= maxAgeSeconds && (id & 0xFFFF_FFFFL) == mac(client, issued);
    }

    private long mac(Endpoint client, long time) {
        long familyAndTime = (client.ipv6() ? 1L << 40 : 0) | time;
        return SipHash.hash(k0, k1, client.high(), client.low(), familyAndTime) & 0xFFFF_FFFFL;
    }
}
