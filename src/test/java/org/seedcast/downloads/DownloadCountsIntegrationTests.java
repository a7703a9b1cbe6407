package org.seedcast.downloads;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.catalog.DownloadCounts;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Studio;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/** Fans' downloads are counted per episode and stored in batches; ranged and conditional requests are not downloads. */
@IntegrationTest
class DownloadCountsIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    DownloadCounter counter;

    @Autowired
    JdbcTemplate jdbc;

    Http admin;
    Http anonymous;

    @BeforeEach
    void clients() {
        anonymous = Http.at(port);
        admin = anonymous.as("admin", "admin-secret-1");
    }

    @Test
    void directDownloadsOfTheWholeFileAndTorrentFetchesAreCountedAndFlushedToTheDatabase() {
        String episode = publish("downloads-count", Media.mp4(200_021, 71));
        long id = ((Integer) JsonPath.read(episode, "$.id")).longValue();
        String media = local(JsonPath.read(episode, "$.mediaUrl"));
        String torrent = local(JsonPath.read(episode, "$.torrentUrl"));

        assertThat(anonymous.get(media).statusCode()).isEqualTo(200);
        assertThat(anonymous.send(anonymous.request(media).header("Range", "bytes=0-").build()).statusCode()).isEqualTo(206);
        assertThat(anonymous.send(anonymous.request(media).header("Range", "bytes=0-99").build()).statusCode())
                .as("a probe, not counted").isEqualTo(206);
        assertThat(anonymous.send(anonymous.request(media).header("Range", "bytes=100-199").build()).statusCode()).isEqualTo(206);
        assertThat(anonymous.send(anonymous.request(media).method("HEAD", java.net.http.HttpRequest.BodyPublishers.noBody())
                .build()).statusCode()).isEqualTo(200);
        HttpResponse<String> first = anonymous.get(torrent);
        anonymous.get(torrent);
        String etag = first.headers().firstValue("ETag").orElseThrow();
        assertThat(anonymous.send(anonymous.request(torrent).header("If-None-Match", etag).build()).statusCode()).isEqualTo(304);

        assertThat(counter.forEpisode(id)).as("pending in memory").isEqualTo(new DownloadCounts.Counts(2, 2));
        counter.flush();
        assertThat(jdbc.queryForList("select direct, torrent from download_counts where episode_id = ?", id))
                .singleElement().satisfies(row -> assertThat(row).containsEntry("direct", 2L).containsEntry("torrent", 2L));
        assertThat(counter.forEpisode(id)).as("stored").isEqualTo(new DownloadCounts.Counts(2, 2));
        anonymous.get(torrent);
        assertThat(counter.forEpisodes(List.of(id, -1L))).as("stored plus pending, asked together")
                .containsOnly(Map.entry(id, new DownloadCounts.Counts(2, 3)), Map.entry(-1L, DownloadCounts.Counts.NONE));
        assertThat(admin.get("/studio/episodes/" + id).body()).containsPattern("Downloads: <strong>2</strong> direct,\\s*<strong>3</strong> .torrent");
    }

    private String publish(String slug, byte[] content) {
        return new Studio(port).publishInNewShow(slug, content);
    }

    private static String local(String url) {
        return Studio.local(url);
    }
}
