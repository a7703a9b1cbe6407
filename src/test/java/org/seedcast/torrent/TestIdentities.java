package org.seedcast.torrent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.seedcast.support.TestRunSetup;

/**
 * Publisher identities for tests that sign or verify with one, each made once per test run by
 * {@link PublisherIdentity#loadOrCreate} and copied into a test's directory, from which it is loaded: the test JVM
 * runs on the C1 compiler, which has none of the intrinsics that make {@code BigInteger} fast, so an RSA-2048 key
 * takes one to two seconds of CPU to generate, and most tests only need one that exists. The tests of making an
 * identity ({@code PublisherIdentityTests}) make their own.
 */
public final class TestIdentities {

    private static final Path DIRECTORY = TestRunSetup.ROOT.resolve("identities");
    private static final Map<String, Path> made = new ConcurrentHashMap<>();

    private TestIdentities() {
    }

    /** {@code publisherId}'s identity, copied into {@code directory}: the same key for every test that asks for it. */
    public static PublisherIdentity in(Path directory, String publisherId) throws IOException {
        return in(directory, publisherId, "first");
    }

    /**
     * {@code publisherId}'s identity called {@code name}, copied into {@code directory}: the same key for every test
     * that asks for this name, another key for another name (an impostor's, say).
     */
    public static PublisherIdentity in(Path directory, String publisherId, String name) throws IOException {
        copy(made.computeIfAbsent(publisherId + "/" + name, TestIdentities::make), directory);
        return PublisherIdentity.loadOrCreate(directory, publisherId, Instant.EPOCH);
    }

    /**
     * Copies the identity kept in {@code from} into {@code to}: for a second node of a running application, which
     * signs with the same key as the first (README, "Several web nodes"), so that it loads the key and makes none.
     */
    public static void copy(Path from, Path to) throws IOException {
        Files.createDirectories(to);
        for (String file : new String[] {PublisherIdentity.KEY_FILE, PublisherIdentity.CERTIFICATE_FILE}) {
            Files.copy(from.resolve(file), to.resolve(file), StandardCopyOption.COPY_ATTRIBUTES);
        }
    }

    private static Path make(String key) {
        Path directory = DIRECTORY.resolve(key);
        try {
            PublisherIdentity.loadOrCreate(directory, key.substring(0, key.indexOf('/')), Instant.now());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return directory;
    }
}
