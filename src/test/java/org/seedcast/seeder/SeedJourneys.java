package org.seedcast.seeder;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.RequiredTools;
import org.seedcast.support.Http;
import org.seedcast.support.Media;
import org.seedcast.support.Studio;
import org.seedcast.torrent.InfoHash;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The seed as a fan's client meets it: libtorrent (Debian's python3-libtorrent) is given only a
 * published episode's info-hash and our seed's address, with no tracker, web seed or DHT, and gets
 * the metadata and every piece from the seed alone; whichever the storage the seed reads from, run on the filesystem
 * ({@link SeedIntegrationTests}) and in a bucket ({@link SeedInBucketIntegrationTests}).
 */
abstract class SeedJourneys {

    @LocalServerPort
    int port;

    @Autowired
    Seeder seeder;

    @Autowired
    SeedTraffic traffic;

    @TempDir
    Path work;

    @Test
    void libtorrentGetsAPublishedV1EpisodeFromTheSeedAloneByItsInfoHash() throws Exception {
        Path python = RequiredTools.requirePythonModule("libtorrent");
        byte[] content = Media.mp4(700 * 1024 + 333, 161);
        String episode = new Studio(port).publishInNewShow("seed-v1", content);
        String infoHash = JsonPath.read(episode, "$.infoHash");
        long episodeId = ((Number) JsonPath.read(episode, "$.id")).longValue();
        assertThat(seeder.serves(InfoHash.fromHex(infoHash))).isTrue();

        String report = RequiredTools.run(List.of(python.toString(), script("libtorrent_fetch.py").toString(),
                "magnet:?xt=urn:btih:" + infoHash, "127.0.0.1", Integer.toString(seeder.port()), work.toString(), "60"));

        assertThat(report).contains("\"completed\": true");
        String name = JsonPath.read(report, "$.name");
        assertThat(Files.readAllBytes(work.resolve(name))).isEqualTo(content);
        assertThat(traffic.sentByEpisode()).containsKey(episodeId);
        assertThat(traffic.sentByEpisode().get(episodeId)).isGreaterThanOrEqualTo(content.length);
        String metrics = Http.at(port).get("/actuator/prometheus").body();
        assertThat(metrics.lines().filter(l -> l.startsWith("seedcast_seeder_sent_bytes_total{")))
                .singleElement().satisfies(line -> assertThat(Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                        .isGreaterThanOrEqualTo(content.length));
        assertThat(metrics).contains("seedcast_seeder_connections{", "seedcast_seeder_torrents{");
        assertThat(metrics.lines().filter(l -> l.startsWith("seedcast_seeder_refused_total{")))
                .anySatisfy(line -> assertThat(line).contains("reason=\"encrypted\""));
    }

    private Path script(String name) throws Exception {
        Path script = work.resolve(name);
        try (InputStream in = getClass().getResourceAsStream(name)) {
            Files.copy(in, script);
        }
        return script;
    }
}
