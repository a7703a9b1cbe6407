package org.seedcast.seeder;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.InputStream;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.publishing.Seedable;
import org.seedcast.support.MediaFiles;
import org.seedcast.torrent.TorrentFormat;
import org.seedcast.support.BesideTheSuite;

/**
 * The seed's listener with a real client and no application around it: libtorrent (Debian's
 * python3-libtorrent) is given an info-hash and the seed's address only.
 */
@BesideTheSuite
class SeedServerTests {

    @TempDir
    Path work;

    SeedServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void libtorrentFetchesMetadataAndEveryPieceOfAV1TorrentFromTheSeedAlone() throws Exception {
        Path file = SeedFixture.media(Files.createDirectories(work.resolve("media")), "episode.mp4", 3 * 1024 * 1024 + 4321, 7);
        Seedable seedable = SeedFixture.seedable(1, file, TorrentFormat.V1, 256 * 1024);

        Seed seed = fetchFromTheSeedAlone(seedable, "magnet:?xt=urn:btih:" + seedable.torrent().infoHash().toHex(), file);

        assertThat(seed.traffic().sentByEpisode().get(1L)).isGreaterThanOrEqualTo(Files.size(file));
    }

    @Test
    void libtorrentFetchesAHybridTorrentFromTheSeedAloneOverAnUpgradedConnection() throws Exception {
        Path file = SeedFixture.media(Files.createDirectories(work.resolve("media")), "hybrid.mp4", 2 * 1024 * 1024 + 999, 8);
        Seedable seedable = SeedFixture.seedable(2, file, TorrentFormat.HYBRID, 256 * 1024);

        fetchFromTheSeedAlone(seedable, seedable.torrent().magnetLink().toString().replaceAll("&(tr|ws)=[^&]*", ""), file);
    }

    @Test
    void libtorrentFetchesATorrentWhoseMediaAreInABucketFromPiecesReadWhole() throws Exception {
        Path file = SeedFixture.media(Files.createDirectories(work.resolve("media")), "bucket.mp4", 3 * 1024 * 1024 + 77, 9);
        Seedable onDisk = SeedFixture.seedable(3, file, TorrentFormat.V1, 256 * 1024);
        Seedable inBucket = new Seedable(onDisk.episodeId(), onDisk.torrent(), onDisk.mediaId(), MediaFiles.inBucket(file),
                onDisk.publishedAt());

        Seed seed = fetchFromTheSeedAlone(inBucket, "magnet:?xt=urn:btih:" + inBucket.torrent().infoHash().toHex(), file);

        assertThat(seed.traffic().sentByEpisode().get(3L)).isGreaterThanOrEqualTo(Files.size(file));
    }

    /**
     * Serves {@code seedable} alone from a seed on a free port, has libtorrent fetch {@code magnet}
     * from it, and asserts it completed with the bytes of {@code file}; returns the seed.
     */
    private Seed fetchFromTheSeedAlone(Seedable seedable, String magnet, Path file) throws Exception {
        Path python = RequiredTools.requirePythonModule("libtorrent");
        SeedRegistry registry = new SeedRegistry();
        registry.add(SeedFixture.seeded(seedable, 8));
        Seed seed = SeedFixture.seed(registry, SeedFixture.settings(), System::nanoTime);
        server = new SeedServer(seed, 0, (InetAddress a) -> false);
        server.start();
        Path downloads = Files.createDirectories(work.resolve("downloads"));

        String report = RequiredTools.run(List.of(python.toString(), script("libtorrent_fetch.py").toString(), magnet,
                "127.0.0.1", Integer.toString(server.port()), downloads.toString(), "60",
                work.resolve("libtorrent.log").toString()));

        assertThat(report).as(() -> RequiredTools.logTail(work.resolve("libtorrent.log"), 60)).contains("\"completed\": true");
        assertThat(Files.readAllBytes(downloads.resolve((String) JsonPath.read(report, "$.name"))))
                .isEqualTo(Files.readAllBytes(file));
        return seed;
    }

    private Path script(String name) throws Exception {
        Path script = work.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, script);
        }
        return script;
    }
}
