package org.seedcast.seeder.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 * The magnet fans' journeys with media on the seed's disk, and the ten-fan swarm: its P2P share is the tracker's and
 * the dashboard's arithmetic, which the storage does not touch (the seed's reads from a bucket are the journeys').
 */
@BesideTheSuite
@ResourceLock(value = ExternalPostgres.LOCK, mode = ResourceAccessMode.READ)
class MagnetFansIntegrationTests extends MagnetFansJourneys {

    /** Small pieces (the piece length follows the file's size), so the fans have pieces to trade early. */
    private static final int FANS_EPISODE_BYTES = 20 * 1024 * 1024 + 17;

    /**
     * How far the dashboard's P2P share (from the fans' announces and our seed's count) may stray from the one the
     * fans' own per-peer counters give: the fans read those every 100 ms, so the last blocks a fan
     * took from the seed before it completed and the seed let it go can be missing from their sum,
     * and their counters include blocks that arrived twice, which their announces leave out.
     */
    private static final double SHARE_TOLERANCE = 0.03;

    @Override
    List<String> storage() {
        return List.of();
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
}
