package org.seedcast.seeder.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.ResourceAccessMode;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.seedcast.RequiredTools;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.support.ExternalPostgres;
import org.seedcast.support.Studio;
import org.seedcast.support.Media;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.Tracker;

/**
 * The magnet fans' journeys with media on the seed's disk, and two that the storage does not touch, so they run here
 * only (the seed's reads from a bucket are the journeys'): aria2 from the magnet link (its handshake and metadata
 * exchange with our seed), and the ten-fan swarm, whose P2P share is the tracker's and the dashboard's arithmetic.
 * Needs aria2 besides python3-libtorrent.
 */
@BesideTheSuite
@ResourceLock(value = ExternalPostgres.LOCK, mode = ResourceAccessMode.READ)
class MagnetFansIntegrationTests extends MagnetFansJourneys {

    /**
     * Small pieces (the piece length follows the file's size: 16 KiB, 641 of them), so the fans have pieces to trade
     * early; large enough that our rate-capped seed takes seconds to send it once while the fans trade at loopback speed.
     */
    private static final int FANS_EPISODE_BYTES = 10 * 1024 * 1024 + 17;

    /**
     * How far the dashboard's P2P share (from the fans' announces and our seed's count) may stray from the one the
     * fans' own per-peer counters give: the fans read those every 100 ms, so the last blocks a fan
     * took from the seed before it completed and the seed let it go can be missing from their sum,
     * and blocks still in flight when a fan completes reach its counters but only its last announce, as it stops.
     * (Both count blocks that arrived twice: the fans announce their true download.)
     */
    private static final double SHARE_TOLERANCE = 0.03;

    @Override
    List<String> storage() {
        return List.of();
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
        // aria2 opens every connection with an encrypted handshake (MSE/PE), and falls back to a plaintext one
        // only on a second connection, a second later: our seed answers the first, agreeing on plaintext
        assertThat(Files.readString(work.resolve("aria2-detail.log")))
                .contains("To: 127.0.0.1:" + seedPort + " handshake")
                .doesNotContain("Retry using legacy BitTorrent handshake");
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
        double shareAsFansSay = (double) fromEachOther / received;
        assertThat(shareAsFansSay).as("the part of their download the fans say they took from each other (%s)", report)
                .isGreaterThan(0.5);

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
}
