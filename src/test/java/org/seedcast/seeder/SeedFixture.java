package org.seedcast.seeder;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.function.LongSupplier;

import org.seedcast.publishing.Seedable;
import org.seedcast.support.MediaFiles;
import org.seedcast.torrent.FileHasher;
import org.seedcast.torrent.MerkleLayers;
import org.seedcast.torrent.PieceLength;
import org.seedcast.torrent.Torrent;
import org.seedcast.torrent.TorrentFormat;
import org.seedcast.torrent.TorrentSpec;
import org.springframework.util.unit.DataSize;

/** A seed without the application: settings, a media file and its torrent, the shared state, a server. */
final class SeedFixture {

    private SeedFixture() {
    }

    /** The defaults of {@link SeederProperties}, with a few settings a test changes. */
    static SeederProperties settings(int unchokeSlots, int requestQueue, long peerUploadRate) {
        return new SeederProperties("127.0.0.1", 1, DataSize.ofBytes(0), DataSize.ofBytes(peerUploadRate),
                unchokeSlots, Duration.ofSeconds(15), requestQueue, 2000, 16, Duration.ofSeconds(10),
                Duration.ofMinutes(4), Duration.ofMinutes(2), Duration.ZERO, DataSize.ofMegabytes(8), 100);
    }

    /** With connection limits. */
    static SeederProperties limits(int maxConnections, int maxConnectionsPerAddress) {
        return limits(maxConnections, maxConnectionsPerAddress, 100);
    }

    /** With connection limits, and encrypted handshakes answered up to a rate a second (0: not at all). */
    static SeederProperties limits(int maxConnections, int maxConnectionsPerAddress, int encryptedHandshakesPerSecond) {
        return new SeederProperties("127.0.0.1", 1, DataSize.ofBytes(0), DataSize.ofBytes(0), 8, Duration.ofSeconds(15),
                250, maxConnections, maxConnectionsPerAddress, Duration.ofSeconds(10), Duration.ofMinutes(4),
                Duration.ofMinutes(2), Duration.ZERO, DataSize.ofMegabytes(8), encryptedHandshakesPerSecond);
    }

    static SeederProperties settings() {
        return settings(8, 250, 0);
    }

    /** Random bytes of {@code size} in {@code dir}/{@code name}. */
    static Path media(Path dir, String name, int size, long seed) throws IOException {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return Files.write(dir.resolve(name), bytes);
    }

    /** The published form of a file: a torrent with a web seed that nothing serves, like ours. */
    static Seedable seedable(long episodeId, Path file, TorrentFormat format, int pieceLength) throws IOException {
        Torrent torrent = Torrent.create(new TorrentSpec(file.getFileName().toString(),
                List.of(URI.create("http://127.0.0.1:9/announce")), List.of(URI.create("http://127.0.0.1:9/media")),
                null, "Seedcast test", Instant.parse("2026-12-01T00:00:00Z")),
                new FileHasher(1).hash(file, pieceLength, format));
        return new Seedable(episodeId, torrent, UUID.randomUUID(), MediaFiles.onDisk(file), Instant.parse("2026-12-01T00:00:00Z"));
    }

    /** A piece cache for torrents whose media are in a bucket. */
    static PieceCache pieces() {
        return new PieceCache(DataSize.ofMegabytes(8).toBytes());
    }

    static Seedable seedable(long episodeId, Path file, TorrentFormat format) throws IOException {
        return seedable(episodeId, file, format, PieceLength.forFileLength(Files.size(file)));
    }

    static SeededTorrent seeded(Seedable seedable, int slots) {
        return new SeededTorrent(seedable, id -> Optional.<MerkleLayers>empty(),
                new Choker(slots, () -> false, new SplittableRandom(1)), pieces());
    }

    static Seed seed(SeedRegistry registry, SeederProperties settings, LongSupplier nanoTime) {
        return new Seed(registry, settings, new SeedTraffic(), new SeederMetrics(new SimpleMeterRegistry(), registry::size),
                nanoTime);
    }
}
