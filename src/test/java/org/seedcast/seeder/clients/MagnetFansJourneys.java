package org.seedcast.seeder.clients;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.seeder.SeedTraffic;
import org.seedcast.support.ExternalPostgres;
import org.seedcast.support.Media;
import org.seedcast.support.RunningSeedcast;
import org.seedcast.support.Studio;
import org.seedcast.support.TestRunSetup;

/**
 * Fans with real clients and nothing but the magnet link the episode's API gives: the publisher's
 * own seed is the only peer that has the episode, so it must hand out the info dict (BEP 9) and
 * every piece. The web seed is out of reach: its {@code ws=} parameters are taken out of the magnet,
 * and the info dict the seed hands out holds no {@code url-list} (that lives beside the info dict, in
 * the .torrent file), so a client that starts from the magnet never learns the web seed's address.
 * The clients find the seed through the magnet's {@code x.pe} and the trackers it lists.
 * Needs Debian's python3-libtorrent. The journeys hold whichever the storage the seed reads from: run with
 * media on disk ({@link MagnetFansIntegrationTests}) and in a bucket ({@link MagnetFansInBucketIntegrationTests}), each
 * against an application (and a database) of its own.
 */
@ExtendWith(ExternalPostgres.Extension.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class MagnetFansJourneys {

    private static final Pattern WEB_SEED = Pattern.compile("&ws=[^&]*");

    /** Our seed's upload cap: an episode of the ten-fan swarm takes it 2.5 s to send once. */
    private static final String SEED_UPLOAD_RATE = "4MB";

    RunningSeedcast app;
    int seedPort;

    @TempDir
    Path work;

    /** The application's storage settings, beside those of the fans' journeys. */
    abstract List<String> storage();

    @BeforeAll
    void start(ExternalPostgres postgres) {
        String name = getClass().getSimpleName().toLowerCase(Locale.ROOT);
        postgres.createDatabase(name);
        seedPort = TestRunSetup.freePort();
        List<String> settings = new ArrayList<>(storage());
        settings.addAll(List.of("seedcast.seeder.host=127.0.0.1", "seedcast.seeder.port=" + seedPort,
                // slower than loopback by far, so that ten fans take most of an episode from each other
                "seedcast.seeder.upload-rate=" + SEED_UPLOAD_RATE));
        app = RunningSeedcast.start(RunningSeedcast.settings(postgres, name, TestRunSetup.ROOT.resolve(name),
                settings.toArray(String[]::new)));
    }

    @AfterAll
    void stop() {
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

    static long sum(Map<String, Object> report, String key) {
        List<Number> values = JsonPath.read(report, "$." + key);
        return values.stream().mapToLong(Number::longValue).sum();
    }

    String publish(String slug, String format, byte[] content) {
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

    long sentBySeed(String episodeJson) {
        long id = ((Number) JsonPath.read(episodeJson, "$.id")).longValue();
        return app.context().getBean(SeedTraffic.class).sentByEpisode().getOrDefault(id, 0L);
    }


    static String lastLine(String output) {
        String[] lines = output.strip().split("\n");
        return lines[lines.length - 1];
    }

    Path script() throws Exception {
        Path script = work.resolve("libtorrent_magnet.py");
        if (!Files.exists(script)) {
            try (InputStream in = MagnetFansJourneys.class.getResourceAsStream("libtorrent_magnet.py")) {
                Files.copy(in, script);
            }
        }
        return script;
    }
}
