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
import org.seedcast.torrent.TorrentFormat;

/**
 * The seed's listener with a real client and no application around it: libtorrent (Debian's
 * python3-libtorrent) is given an info-hash and the seed's address only.
 */
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
        Path python = RequiredTools.requirePythonModule("libtorrent");
        Path media = Files.createDirectories(work.resolve("media"));
        Path file = SeedFixture.media(media, "episode.mp4", 3 * 1024 * 1024 + 4321, 7);
        Seedable seedable = SeedFixture.seedable(1, file, TorrentFormat.V1, 256 * 1024);
        SeedRegistry registry = new SeedRegistry();
        registry.add(SeedFixture.seeded(seedable, 8));
        Seed seed = SeedFixture.seed(registry, SeedFixture.settings(), System::nanoTime);
        server = new SeedServer(seed, 0, (InetAddress a) -> false);
        server.start();
        Path downloads = Files.createDirectories(work.resolve("downloads"));

        String report = RequiredTools.run(List.of(python.toString(), script("libtorrent_fetch.py").toString(),
                "magnet:?xt=urn:btih:" + seedable.torrent().infoHash().toHex(), "127.0.0.1",
                Integer.toString(server.port()), downloads.toString(), "60", work.resolve("libtorrent.log").toString()));

        assertThat(report).as(() -> tail(work.resolve("libtorrent.log"))).contains("\"completed\": true");
        assertThat(Files.readAllBytes(downloads.resolve((String) JsonPath.read(report, "$.name"))))
                .isEqualTo(Files.readAllBytes(file));
        assertThat(seed.traffic().sentByEpisode().get(1L)).isGreaterThanOrEqualTo(Files.size(file));
    }

    @Test
    void libtorrentFetchesAHybridTorrentFromTheSeedAloneOverAnUpgradedConnection() throws Exception {
        Path python = RequiredTools.requirePythonModule("libtorrent");
        Path media = Files.createDirectories(work.resolve("media"));
        Path file = SeedFixture.media(media, "hybrid.mp4", 2 * 1024 * 1024 + 999, 8);
        Seedable seedable = SeedFixture.seedable(2, file, TorrentFormat.HYBRID, 256 * 1024);
        SeedRegistry registry = new SeedRegistry();
        registry.add(SeedFixture.seeded(seedable, 8));
        Seed seed = SeedFixture.seed(registry, SeedFixture.settings(), System::nanoTime);
        server = new SeedServer(seed, 0, (InetAddress a) -> false);
        server.start();
        Path downloads = Files.createDirectories(work.resolve("downloads"));

        String report = RequiredTools.run(List.of(python.toString(), script("libtorrent_fetch.py").toString(),
                seedable.torrent().magnetLink().toString().replaceAll("&(tr|ws)=[^&]*", ""), "127.0.0.1",
                Integer.toString(server.port()), downloads.toString(), "60", work.resolve("libtorrent.log").toString()));

        assertThat(report).as(() -> tail(work.resolve("libtorrent.log"))).contains("\"completed\": true");
        assertThat(Files.readAllBytes(downloads.resolve((String) JsonPath.read(report, "$.name"))))
                .isEqualTo(Files.readAllBytes(file));
    }

    /** The client's last log lines, to say why a transfer failed. */
    static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (java.io.IOException e) {
            return "no client log: " + e;
        }
    }

    private Path script(String name) throws Exception {
        Path script = work.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, script);
        }
        return script;
    }
}
