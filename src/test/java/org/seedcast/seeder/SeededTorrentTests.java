package org.seedcast.seeder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.publishing.Seedable;
import org.seedcast.support.MediaFiles;
import org.seedcast.torrent.MerkleLayers;
import org.seedcast.torrent.TorrentFormat;

/** A hybrid's layers kept in a bucket are read off the event loops, never on a peer's hash request. */
class SeededTorrentTests {

    @TempDir
    Path dir;

    @Test
    void aBucketHybridsLayersAreReadWhenAskedBeforehandAndNeverByAHashRequest() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        Function<UUID, Optional<MerkleLayers>> missing = id -> {
            reads.incrementAndGet();
            return Optional.empty();
        };
        SeededTorrent torrent = inBucket(missing);

        assertThat(torrent.merkleLayers()).isEmpty();
        assertThat(reads).as("a hash request does not reach the bucket").hasValue(0);

        torrent.readLayers();
        torrent.readLayers();

        assertThat(reads).as("read again while missing (the backfill may keep them later)").hasValue(2);
        assertThat(torrent.merkleLayers()).isEmpty();
        assertThat(reads).hasValue(2);
    }

    @Test
    void layersReadOnceAreKeptAndAnswerHashRequests() throws Exception {
        AtomicInteger reads = new AtomicInteger();
        Path file = SeedFixture.media(dir, "hybrid.mp4", 600_000, 5);
        MerkleLayers kept = MerkleLayers.of(leaves(Files.readAllBytes(file)), 600_000, 256 * 1024);
        SeededTorrent torrent = inBucket(id -> {
            reads.incrementAndGet();
            return Optional.of(kept);
        });

        torrent.readLayers();
        torrent.readLayers();

        assertThat(torrent.merkleLayers()).containsSame(kept);
        assertThat(torrent.merkleLayers().orElseThrow().piecesRoot()).isEqualTo(torrent.piecesRoot());
        assertThat(reads).hasValue(1);
    }

    /** The SHA-256 of each 16 KiB block, concatenated. */
    private static byte[] leaves(byte[] content) throws Exception {
        ByteArrayOutputStream leaves = new ByteArrayOutputStream();
        for (int block = 0; block < content.length; block += 16384) {
            leaves.write(MessageDigest.getInstance("SHA-256")
                    .digest(Arrays.copyOfRange(content, block, Math.min(content.length, block + 16384))));
        }
        return leaves.toByteArray();
    }

    private SeededTorrent inBucket(Function<UUID, Optional<MerkleLayers>> layers) throws Exception {
        Path file = SeedFixture.media(dir, "hybrid.mp4", 600_000, 5);
        Seedable onDisk = SeedFixture.seedable(4, file, TorrentFormat.HYBRID, 256 * 1024);
        Seedable inBucket = new Seedable(onDisk.episodeId(), onDisk.torrent(), onDisk.mediaId(),
                MediaFiles.inBucket(file), onDisk.publishedAt());
        return new SeededTorrent(inBucket, layers, new Choker(1, () -> false, new SplittableRandom(1)),
                SeedFixture.pieces());
    }
}
