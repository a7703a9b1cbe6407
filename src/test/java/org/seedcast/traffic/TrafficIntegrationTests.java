package org.seedcast.traffic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.seeder.SeedTraffic;
import org.seedcast.seeder.SeedTrafficFeed;
import org.seedcast.support.Http;
import org.seedcast.support.IntegrationTest;
import org.seedcast.support.Media;
import org.seedcast.support.MovableClock;
import org.seedcast.support.Studio;
import org.seedcast.torrent.InfoHash;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Bytes from the seed, the web seed and the fans' announces reach the database in flushes and the
 * pages, the JSON and the metrics show them. The fans' side is fed through a second ledger over the
 * same database, as another node's would be, until the tracker reports fans' bytes itself.
 */
@IntegrationTest
class TrafficIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    SeedTraffic seedTraffic;

    @Autowired
    TrafficLedger ledger;

    @Autowired
    TrafficStore store;

    @Autowired
    TrafficReport report;

    @Autowired
    TrafficProperties properties;

    @Autowired
    Clock clock;

    @Autowired
    JdbcTemplate jdbc;

    Http admin;
    Http anonymous;

    @BeforeEach
    void clients() {
        anonymous = Http.at(port);
        admin = anonymous.as(Studio.ADMIN, Studio.ADMIN_PASSWORD);
    }

    @Test
    void webSeedAndSeedBytesAreCountedPerEpisodeAndStoredOnceByTheFlush() {
        String episode = new Studio(port).publishInNewShow(slug("traffic-webseed"), Media.mp4(200_000, 91));
        long id = ((Integer) JsonPath.read(episode, "$.id")).longValue();
        String media = Studio.local(JsonPath.read(episode, "$.mediaUrl"));

        HttpResponse<String> webSeed = anonymous.send(anonymous.request(media)
                .header("User-Agent", "libtorrent/2.0.8.0").header("Range", "bytes=0-99999").build());
        assertThat(webSeed.statusCode()).isEqualTo(206);
        assertThat(anonymous.get(media).statusCode()).as("a plain download of the whole file").isEqualTo(200);
        SeedTrafficFeed.add(seedTraffic, id, 50_000);

        TrafficFigures expected = new TrafficFigures(50_000, 100_000, 200_000, 0);
        assertThat(report.episode(id)).as("before the flush").isEqualTo(expected);
        ledger.flush();
        assertThat(report.episode(id)).as("after it, not counted twice").isEqualTo(expected);
        ledger.flush();
        assertThat(jdbc.queryForMap("select sum(seed_bytes) seed, sum(webseed_bittorrent_bytes) bt, "
                + "sum(webseed_plain_bytes) plain from traffic_buckets where episode_id = ?", id))
                .containsEntry("seed", java.math.BigDecimal.valueOf(50_000))
                .containsEntry("bt", java.math.BigDecimal.valueOf(100_000))
                .containsEntry("plain", java.math.BigDecimal.valueOf(200_000));
        assertThat(jdbc.queryForMap("select seed_bytes, webseed_bittorrent_bytes, webseed_plain_bytes, fan_bytes "
                + "from traffic_totals where episode_id = ?", id))
                .containsEntry("seed_bytes", 50_000L).containsEntry("webseed_bittorrent_bytes", 100_000L)
                .containsEntry("webseed_plain_bytes", 200_000L).containsEntry("fan_bytes", 0L);
    }

    @Test
    void theMetricsExportEachSourceOfBytes() {
        String metrics = anonymous.get("/actuator/prometheus").body();

        assertThat(metrics).contains("seedcast_seed_sent_bytes_total")
                .contains("seedcast_webseed_sent_bytes_total{application=\"seedcast\",client=\"bittorrent\"}")
                .contains("seedcast_webseed_sent_bytes_total{application=\"seedcast\",client=\"plain\"}")
                .contains("seedcast_fans_downloaded_bytes_total").contains("seedcast_p2p_share");
    }

    @Test
    void fansReportsGiveTheP2PShareOnEveryPageAndInTheJson() {
        String slug = slug("traffic-share");
        String episode = new Studio(port).publishInNewShow(slug, Media.mp4(150_000, 92));
        long id = ((Integer) JsonPath.read(episode, "$.id")).longValue();
        String infoHash = JsonPath.read(episode, "$.infoHash");
        TrafficLedgerTests.Counters counters = new TrafficLedgerTests.Counters();
        counters.episodes.put(InfoHash.fromHex(infoHash), id);
        MovableClock earlier = new MovableClock(clock.instant().minus(Duration.ofHours(2)));
        TrafficLedger otherNode = new TrafficLedger(counters, store, properties, earlier);

        counters.seed.put(id, 100_000L);
        counters.fans.put(InfoHash.fromHex(infoHash), 500_000L);
        otherNode.flush();
        earlier.advance(Duration.ofHours(2));
        counters.seed.put(id, 200_000L);
        counters.webSeedBitTorrent.put(id, 100_000L);
        counters.fans.put(InfoHash.fromHex(infoHash), 1_000_000L);
        otherNode.flush();

        assertThat(report.episode(id)).isEqualTo(new TrafficFigures(200_000, 100_000, 0, 1_000_000));
        assertThat(report.episode(id).p2pShare()).isCloseTo(0.7, within(1e-9));
        assertThat(report.history(List.of(id))).as("two hours apart, and the quiet hour between them")
                .extracting(b -> b.figures().fanBytes()).containsExactly(500_000L, 0L, 500_000L);

        String swarm = admin.get("/api/admin/swarms/" + infoHash).body();
        assertThat(JsonPath.<Double>read(swarm, "$.traffic.figures.p2pShare")).isCloseTo(0.7, within(1e-9));
        assertThat(JsonPath.<Integer>read(swarm, "$.traffic.figures.fanBytes")).isEqualTo(1_000_000);
        assertThat(JsonPath.<List<Object>>read(swarm, "$.traffic.history")).hasSize(3);
        assertThat(JsonPath.<List<Integer>>read(admin.get("/api/admin/traffic").body(),
                "$.episodes[?(@.episodeId == " + id + ")].traffic.betweenFans")).containsExactly(700_000);
        assertThat(JsonPath.<Integer>read(admin.get("/admin/overview.json").body(), "$.traffic.figures.fanBytes"))
                .isGreaterThanOrEqualTo(1_000_000);

        assertThat(admin.get("/admin/swarms/" + infoHash).body()).contains("What BitTorrent saved")
                .contains(">70 %<").contains(">200.0 KB<").contains(">1.0 MB<").containsPattern("/js/traffic-[0-9a-f]{32}\\.js");
        assertThat(admin.get("/admin/swarms?q=" + slug).body()).contains(">70 %<").contains(">300.0 KB from us<");
        assertThat(admin.get("/admin").body()).contains("What BitTorrent saved").contains("id=\"traffic-chart\"");
        String studio = admin.get("/studio").body();
        assertThat(studio).contains("What BitTorrent saved").containsPattern(
                "Episode of " + slug + "</a></td>(\\s*<td[^>]*>[^<]*</td>){8}\\s*<td class=\"num\">1.0 MB</td>\\s*<td class=\"num\">70 %</td>");
        assertThat(admin.get("/studio/episodes/" + id).body()).containsPattern("a P2P share of <strong>70 %</strong>\\s*"
                + "\\(<span>200.0 KB</span> from our seed, <span>100.0 KB</span> from the web seed,\\s*<span>1.0 MB</span> reported by fans\\)");
        assertThat(Http.at(port).get("/shows/" + slug + "/episodes/" + id).body()).as("what fans see")
                .contains("On BitTorrent now: no fans sharing yet · publisher&#39;s seed online · 70 % of fans&#39; downloads came"
                        + " from other fans");
        Instant first = ledger.bucketOf(clock.instant().minus(Duration.ofHours(2)));
        assertThat(studio).as("the chart's first point").contains(first.getEpochSecond() + ",100000,0,400000");
    }

    @Test
    void pruningDeletesOldBucketsInBatchesUntilNoneIsLeftAndKeepsTheNewerOnes() {
        String episode = new Studio(port).publishInNewShow(slug("traffic-prune"), Media.mp4(100_000, 93));
        long id = ((Integer) JsonPath.read(episode, "$.id")).longValue();
        Instant old = Instant.parse("2001-01-01T00:00:00Z");
        Map<TrafficStore.Key, TrafficFigures> buckets = new HashMap<>();
        for (int hour = 0; hour < 7; hour++) {
            buckets.put(new TrafficStore.Key(id, old.plus(Duration.ofHours(hour))), new TrafficFigures(1, 0, 0, 0));
        }
        store.add(buckets);

        assertThat(store.prune(old.plus(Duration.ofHours(5)), 2)).as("three batches: 2, 2 and 1").isEqualTo(5);
        assertThat(jdbc.queryForList("select bucket_start from traffic_buckets where episode_id = ? order by 1",
                Timestamp.class, id)).extracting(Timestamp::toInstant)
                .containsExactly(old.plus(Duration.ofHours(5)), old.plus(Duration.ofHours(6)));
    }

    private static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
