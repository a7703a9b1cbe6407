package org.seedcast.catalog.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.Peers;
import org.seedcast.support.Studio;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A producer's dashboard at {@code /studio}: per published episode of their own shows, the
 * seeders, leechers and completed downloads the tracker counts after real announces, and the
 * direct and .torrent downloads from the site; other producers' shows stay out.
 */
@IntegrationTest
class ProducerAudienceIntegrationTests {

    private static final Pattern ROW = Pattern.compile("<tr>\\s*<td><a href=\"/studio/shows/[^\"]+\">[^<]*</a></td>\\s*"
            + "<td><a href=\"/studio/episodes/(\\d+)\">([^<]*)</a></td>((?:\\s*<td class=\"num\">\\d+</td>){5})");
    private static final Pattern NUMBER = Pattern.compile("<td class=\"num\">(\\d+)</td>");

    @LocalServerPort
    int port;

    @Value("${seedcast.tracker.port}")
    int trackerPort;

    @Test
    void aProducerSeesSeedersLeechersCompletedAndDownloadsPerEpisodeOfTheirOwnShows() {
        String tag = UUID.randomUUID().toString().substring(0, 8);
        String mine = "audience-" + tag;
        String theirs = "not-mine-" + tag;
        Studio studio = new Studio(port);
        studio.show(mine, "v1");
        studio.show(theirs, "v1");
        String busy = studio.publish(mine, "Busy episode", Media.mp4(120_000, 41));
        String quiet = studio.publish(mine, "Quiet episode", Media.mp4(120_000, 42));
        studio.publish(theirs, "Someone else's episode", Media.mp4(120_000, 43));
        String producer = "producer-" + tag;
        assertThat(studio.admin().postJson("/api/users", "{\"username\":\"" + producer
                + "\",\"password\":\"producer-pass-1\",\"role\":\"producer\",\"shows\":[\"" + mine + "\"]}").statusCode()).isEqualTo(201);

        String hash = JsonPath.read(busy, "$.infoHash");
        Peers peers = new Peers(trackerPort);
        peers.announce(hash, 7201, 0, "started");        // a seeder
        peers.announce(hash, 7202, 90_000, "started");   // two leechers
        peers.announce(hash, 7203, 90_000, "started");
        peers.announce(hash, 7202, 0, "completed");      // one finishes and seeds
        peers.announce(hash, 7202, 0, "completed");      // said twice: still one download
        Http fan = Http.at(port);
        assertThat(fan.get(Studio.local(JsonPath.read(busy, "$.mediaUrl"))).statusCode()).isEqualTo(200);
        assertThat(fan.get(Studio.local(JsonPath.read(busy, "$.torrentUrl"))).statusCode()).isEqualTo(200);
        assertThat(fan.get(Studio.local(JsonPath.read(busy, "$.torrentUrl"))).statusCode()).isEqualTo(200);

        String dashboard = Http.at(port).as(producer, "producer-pass-1").get("/studio").body();
        assertThat(dashboard).contains("Your audience").contains("Show " + mine).doesNotContain("Show " + theirs)
                .doesNotContain("Someone else");
        List<Row> rows = rows(dashboard);
        assertThat(rows).extracting(Row::title).containsExactlyInAnyOrder("Busy episode", "Quiet episode");
        assertThat(rows).filteredOn(r -> r.title().equals("Busy episode")).singleElement()
                .satisfies(r -> {
                    assertThat(r.episodeId()).isEqualTo(((Number) JsonPath.read(busy, "$.id")).longValue());
                    // seeders, leechers, completed, direct downloads, .torrent downloads
                    assertThat(r.numbers()).containsExactly(2L, 1L, 1L, 1L, 2L);
                });
        assertThat(rows).filteredOn(r -> r.title().equals("Quiet episode")).singleElement()
                .satisfies(r -> {
                    assertThat(r.episodeId()).isEqualTo(((Number) JsonPath.read(quiet, "$.id")).longValue());
                    assertThat(r.numbers()).containsExactly(0L, 0L, 0L, 0L, 0L);
                });
        // fans and the publisher's seed apart (the seed is on by default)
        assertThat(dashboard).contains("3 fans sharing · publisher&#39;s seed online")
                .contains("no fans sharing yet · publisher&#39;s seed online");
    }

    record Row(long episodeId, String title, List<Long> numbers) {
    }

    private static List<Row> rows(String page) {
        String table = page.substring(page.indexOf("id=\"audience\""));
        List<Row> rows = new ArrayList<>();
        Matcher row = ROW.matcher(table.substring(0, table.indexOf("</table>")));
        while (row.find()) {
            List<Long> numbers = new ArrayList<>();
            Matcher n = NUMBER.matcher(row.group(3));
            while (n.find()) {
                numbers.add(Long.parseLong(n.group(1)));
            }
            rows.add(new Row(Long.parseLong(row.group(1)), row.group(2), numbers));
        }
        return rows;
    }
}
