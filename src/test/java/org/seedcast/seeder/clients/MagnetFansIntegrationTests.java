package org.seedcast.seeder.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.seedcast.RequiredTools;
import org.seedcast.seeder.SeedTraffic;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.support.ExternalPostgres;
import org.seedcast.support.Media;
import org.seedcast.support.RunningSeedcast;
import org.seedcast.support.Studio;
import org.seedcast.support.TestRunSetup;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.Tracker;

/**
 * Fans with real clients and nothing but the magnet link the episode's API gives: the publisher's
 * own seed is the only peer that has the episode, so it must hand out the info dict (BEP 9) and
 * every piece. The web seed is out of reach: its {@code ws=} parameters are taken out of the magnet,
 * and the info dict the seed hands out holds no {@code url-list} (that lives beside the info dict, in
 * the .torrent file), so a client that starts from the magnet never learns the web seed's address.
 * The clients find the seed through the magnet's {@code x.pe} and the trackers it lists.
 * Needs Debian's python3-libtorrent and aria2.
 */
@ExtendWith(ExternalPostgres.Extension.class)
@BesideTheSuite
@ResourceLock(value = ExternalPostgres.LOCK, mode = ResourceAccessMode.READ)
class MagnetFansIntegrationTests {

    private static final String DATABASE = "magnet_fans";
    private static final Pattern WEB_SEED = Pattern.compile("&ws=[^&]*");

    /** Small pieces (the piece length follows the file's size), so the fans have pieces to trade early. */
    private static final int FANS_EPISODE_BYTES = 20 * 1024 * 1024 + 17;
    /**
     * How far the dashboard's P2P share (from the fans' announces and our seed's count) may stray from the one the
     * fans' own per-peer counters give: the fans read those every 100 ms, so the last blocks a fan
     * took from the seed before it completed and the seed let it go can be missing from their sum,
     * and their counters include blocks that arrived twice, which their announces leave out.
     */
    private static final double SHARE_TOLERANCE = 0.03;

    /** Our seed's upload cap: an episode of the ten-fan swarm takes it 5 s to send once. */
    private static final String SEED_UPLOAD_RATE = "4MB";

    static RunningSeedcast app;
    static int seedPort;

    @TempDir
    Path work;

    @BeforeAll
    static void start(ExternalPostgres postgres) {
        postgres.createDatabase(DATABASE);
        seedPort = freePort();
        app = RunningSeedcast.start(RunningSeedcast.settings(postgres, DATABASE, TestRunSetup.ROOT.resolve("magnet-fans"),
                "seedcast.seeder.host=127.0.0.1", "seedcast.seeder.port=" + seedPort,
                // slower than loopback by far, so that ten fans take most of an episode from each other
                "seedcast.seeder.upload-rate=" + SEED_UPLOAD_RATE));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
    }

    @Test
    void libtorrentGetsTheMetadataOfAV1EpisodeFromOurSeedAndCompletesWithIdenticalBytes() throws Exception {
        Path python = RequiredTools.requirePythonModule("libtorrent");
        byte[] content = Media.mp4(3 * 1024 * 1024 + 101, 161);
        String episode = publish("fans-lt-v1", "v1", content);

        Map<String, Object> fan = fetch(python, magnetWithoutWebSeeds(episode), work.resolve("fan"));

        assertThat(fan).containsEntry("has_metadata", true).containsEntry("completed", true)
                .containsEntry("hash_failures", 0);
        assertThat(Files.readAllBytes(work.resolve("fan").resolve(fileName(episode)))).isEqualTo(content);
        assertThat(sentBySeed(episode)).as("piece bytes our seed sent").isEqualTo(content.length);
    }

    @Test
    void libtorrentCompletesAHybridEpisodeFromTheMagnetAloneAndVerifiesEveryBlockAgainstTheV2HashesOurSeedSent()
            throws Exception {
        Path python = RequiredTools.requirePythonModule("libtorrent");
        byte[] content = Media.mp4(5 * 1024 * 1024 + 33, 162);
        String episode = publish("fans-lt-hybrid", "hybrid", content);

        Map<String, Object> fan = fetch(python, magnetWithoutWebSeeds(episode), work.resolve("fan"));

        assertThat(fan).containsEntry("has_metadata", true).containsEntry("completed", true)
                .containsEntry("hash_failures", 0);
        assertThat(Files.readAllBytes(work.resolve("fan").resolve(fileName(episode)))).isEqualTo(content);
        // a magnet carries no piece layers: libtorrent verifies a block only against piece-layer hashes
        // it fetched with BEP 52 hash requests and checked against the pieces root
        int blocks = (content.length + 16 * 1024 - 1) / (16 * 1024);
        assertThat(fan).containsEntry("v2_blocks", blocks).containsEntry("v2_verified_blocks", blocks);
        assertThat(sentBySeed(episode)).as("piece bytes our seed sent").isEqualTo(content.length);
    }

    @Test
    void aria2CompletesAV1EpisodeFromTheMagnetLinkWithOurSeedAsItsOnlySource() throws Exception {
        Path aria2c = RequiredTools.require("aria2c");
        byte[] content = Media.mp4(2 * 1024 * 1024 + 7, 163);
        String episode = publish("fans-aria2", "v1", content);
        Path downloads = Files.createDirectories(work.resolve("aria2"));

        Process aria2 = new ProcessBuilder(aria2c.toString(), "--dir=" + downloads, "--seed-time=0",
                "--enable-dht=false", "--enable-dht6=false", "--bt-enable-lpd=false", "--enable-peer-exchange=false",
                "--bt-save-metadata=false", "--bt-metadata-only=false", "--bt-stop-timeout=60",
                "--summary-interval=0", "--console-log-level=warn", "--allow-overwrite=true",
                "--log=" + work.resolve("aria2-detail.log"), "--log-level=info",
                magnetWithoutWebSeeds(episode))
                .redirectErrorStream(true).redirectOutput(work.resolve("aria2.log").toFile()).start();
        try {
            assertThat(aria2.waitFor(90, TimeUnit.SECONDS)).as("aria2c finished within 90 s").isTrue();
        } finally {
            aria2.destroyForcibly();
        }
        assertThat(aria2.exitValue()).as(() -> RequiredTools.logTail(work.resolve("aria2-detail.log"), 40)).isZero();
        assertThat(Files.readAllBytes(downloads.resolve(fileName(episode)))).isEqualTo(content);
        assertThat(sentBySeed(episode)).as("piece bytes our seed sent").isEqualTo(content.length);
    }

    @Test
    void tenLibtorrentFansAtOnceCompleteAndTheDashboardsP2pShareIsWhatTheySayTheyTookFromEachOther()
            throws Exception {
        Path python = RequiredTools.requirePythonModule("libtorrent");
        byte[] content = Media.mp4(FANS_EPISODE_BYTES, 164);
        String episode = publish("fans-ten", "v1", content);
        InfoHash infoHash = InfoHash.fromHex(JsonPath.read(episode, "$.infoHash"));

        String report = RequiredTools.run(List.of(python.toString(), script().toString(), "swarm",
                magnetWithoutWebSeeds(episode), work.resolve("swarm").toString(), "10", Integer.toString(seedPort), "100"));
        Map<String, Object> swarm = JsonPath.read(lastLine(report), "$");

        assertThat(swarm).as(report).containsEntry("completed", true);
        for (int fan = 0; fan < 10; fan++) {
            assertThat(Files.readAllBytes(work.resolve("swarm").resolve("fan-" + fan).resolve(fileName(episode))))
                    .as("fan %d's copy", fan).isEqualTo(content);
        }
        long received = sum(swarm, "received");
        long fromEachOther = received - sum(swarm, "from_seed");
        assertThat(fromEachOther).as("bytes the fans say they received from each other").isPositive();
        double shareAsFansSay = (double) fromEachOther / received;

        // the share the dashboard reports is made of the bytes fans reported in their announces (each
        // fan's completing one carries the whole episode; the tracker counts whole KiB) and the bytes our
        // seed sent; no web seed was in reach
        Tracker tracker = app.context().getBean(Tracker.class);
        await("the fans' last announces").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .untilAsserted(() -> assertThat(tracker.downloadedByTorrent().getOrDefault(infoHash, 0L))
                        .as("bytes the fans reported downloading").isGreaterThanOrEqualTo(10L * (content.length - 1023)));
        String swarmJson = new Studio(app.port()).admin().get("/api/admin/swarms/" + infoHash.toHex()).body();
        double share = JsonPath.<Number>read(swarmJson, "$.traffic.figures.p2pShare").doubleValue();
        assertThat(share).as("the P2P share on the dashboard (%s); the fans say %.3f", swarmJson, shareAsFansSay)
                .isPositive().isCloseTo(shareAsFansSay, within(SHARE_TOLERANCE));
        assertThat(JsonPath.<Number>read(swarmJson, "$.traffic.figures.seedBytes").longValue())
                .as("our seed's bytes on the dashboard").isEqualTo(sentBySeed(episode));
    }

    private static long sum(Map<String, Object> report, String key) {
        List<Number> values = JsonPath.read(report, "$." + key);
        return values.stream().mapToLong(Number::longValue).sum();
    }

    private String publish(String slug, String format, byte[] content) {
        Studio studio = new Studio(app.port());
        studio.show(slug, format);
        return studio.publish(slug, "Episode of " + slug, content);
    }

    private Map<String, Object> fetch(Path python, String magnet, Path directory) throws Exception {
        String report = RequiredTools.run(List.of(python.toString(), script().toString(), "fetch", magnet,
                directory.toString(), "60"));
        return JsonPath.read(lastLine(report), "$");
    }

    static String magnetWithoutWebSeeds(String episodeJson) {
        String magnet = JsonPath.read(episodeJson, "$.magnet");
        return WEB_SEED.matcher(magnet).replaceAll("");
    }

    static String fileName(String episodeJson) {
        return JsonPath.read(episodeJson, "$.fileName");
    }

    private long sentBySeed(String episodeJson) {
        long id = ((Number) JsonPath.read(episodeJson, "$.id")).longValue();
        return app.context().getBean(SeedTraffic.class).sentByEpisode().getOrDefault(id, 0L);
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    private Path script() throws Exception {
        Path script = work.resolve("libtorrent_magnet.py");
        if (!Files.exists(script)) {
            try (InputStream in = MagnetFansIntegrationTests.class.getResourceAsStream("libtorrent_magnet.py")) {
                Files.copy(in, script);
            }
        }
        return script;
    }
}
