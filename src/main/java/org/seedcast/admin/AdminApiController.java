package org.seedcast.admin;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.Ban;
import org.seedcast.tracker.Tracker;
import org.seedcast.tracker.TrackerStats;
import org.seedcast.tracker.UnknownTorrent;
import org.seedcast.traffic.TrafficFigures;
import org.seedcast.traffic.TrafficReport;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The tracker for admins, as JSON: swarms, foreign torrents, blocks and bans. Every change takes
 * effect in the tracker at once (its structures are swapped in memory) and is persisted by its
 * next flush.
 */
@RestController
@RequestMapping("/api/admin")
class AdminApiController {

    private final Tracker tracker;
    private final PublishedSwarms published;
    private final TrafficReport traffic;

    AdminApiController(Tracker tracker, PublishedSwarms published, TrafficReport traffic) {
        this.tracker = tracker;
        this.published = published;
        this.traffic = traffic;
    }

    @GetMapping("/swarms")
    TrackerStats swarms() {
        return tracker.stats();
    }

    /** One published torrent (by its v1 or truncated v2 hash) with its swarm now and minute by minute. */
    @GetMapping("/swarms/{infoHash}")
    ResponseEntity<SwarmHistory> swarm(@PathVariable String infoHash) {
        return ResponseEntity.of(published.one(infoHash).map(row -> new SwarmHistory(row, published.history(row),
                SavedTraffic.episode(traffic, row.episodeId()))));
    }

    /** What BitTorrent saved: over all episodes with its history, and per published episode. */
    @GetMapping("/traffic")
    TrafficSummary traffic() {
        List<SwarmRow> rows = published.all();
        Map<Long, TrafficFigures> figures = traffic.byEpisode(rows.stream().map(SwarmRow::episodeId).toList());
        return new TrafficSummary(SavedTraffic.overall(traffic), rows.stream()
                .map(r -> new EpisodeTraffic(r.episodeId(), r.showSlug(), r.episodeTitle(), r.infoHash(), r.v2InfoHash(),
                        figures.get(r.episodeId())))
                .toList());
    }

    @GetMapping("/unknown-torrents")
    List<UnknownTorrent> unknownTorrents() {
        return tracker.unknownTorrents();
    }

    /** The sources refused most often before their requests were read (rate limits, bans): a flood's senders. */
    @GetMapping("/refused-sources")
    List<UnknownTorrent.Count> refusedSources() {
        return tracker.refusedSources();
    }

    @PostMapping("/unknown-torrents/{infoHash}/block")
    Map<String, Object> block(@PathVariable String infoHash, @RequestBody(required = false) ReasonRequest request) {
        InfoHash hash = InfoHash.fromHex(infoHash);
        tracker.block(hash, request == null || request.reason() == null ? "blocked by an admin" : request.reason());
        return Map.of("infoHash", hash.toHex(), "blocked", true);
    }

    @DeleteMapping("/unknown-torrents/{infoHash}/block")
    Map<String, Object> unblock(@PathVariable String infoHash) {
        InfoHash hash = InfoHash.fromHex(infoHash);
        tracker.unblock(hash);
        return Map.of("infoHash", hash.toHex(), "blocked", false);
    }

    @GetMapping("/bans")
    List<Ban> bans() {
        return tracker.bans();
    }

    @PostMapping("/bans")
    ResponseEntity<Ban> ban(@RequestBody BanRequest request) {
        if (request == null || request.cidr() == null || request.cidr().isBlank()) {
            throw new IllegalArgumentException("cidr is required, e.g. 203.0.113.7 or 2001:db8::/32");
        }
        Duration lasting = request.hours() == null ? null : Duration.ofHours(request.hours());
        Ban ban = tracker.ban(request.cidr().strip(), request.reason() == null ? "" : request.reason(), lasting);
        return ResponseEntity.created(URI.create("/api/admin/bans?cidr=" + ban.cidr())).body(ban);
    }

    @DeleteMapping("/bans")
    ResponseEntity<Void> unban(@RequestParam String cidr) {
        return tracker.unban(cidr) ? ResponseEntity.noContent().build() : ResponseEntity.notFound().build();
    }

    record ReasonRequest(String reason) {
    }

    /**
     * @param seeders       fans seeding; the publisher's seed is {@code publisherSeed}, never among them
     * @param minutes       closed minutes, oldest first, up to the last hour (a hybrid torrent's two
     *                      swarms added up); kept in the tracker's memory, so they start over with it
     * @param publisherSeed whether the tracker lists the publisher's seed in the swarm
     * @param traffic       what BitTorrent saved on this episode, with its history (stored, so it survives restarts)
     */
    record SwarmHistory(String infoHash, String v2InfoHash, String showSlug, String showTitle, long episodeId,
                        String episodeTitle, int seeders, int leechers, long completed, int announcesPerMinute,
                        Instant lastAnnounce, String health, List<TrackerStats.SwarmMinute> minutes,
                        boolean publisherSeed, SavedTraffic traffic) {

        SwarmHistory(SwarmRow row, List<TrackerStats.SwarmMinute> minutes, SavedTraffic traffic) {
            this(row.infoHash(), row.v2InfoHash(), row.showSlug(), row.showTitle(), row.episodeId(), row.episodeTitle(),
                    row.seeders(), row.leechers(), row.completed(), row.announcesPerMinute(), row.lastAnnounce(),
                    row.health(), minutes, row.publisherSeed(), traffic);
        }
    }

    /** @param episodes every published episode's figures since accounting began */
    record TrafficSummary(SavedTraffic overall, List<EpisodeTraffic> episodes) {
    }

    /** @param v2InfoHash a hybrid torrent's truncated v2 info-hash, else {@code null} */
    record EpisodeTraffic(long episodeId, String showSlug, String episodeTitle, String infoHash, String v2InfoHash,
                          TrafficFigures traffic) {
    }

    /**
     * @param cidr  an address or a network, IPv4 or IPv6
     * @param hours how long the ban lasts; absent for good
     */
    record BanRequest(String cidr, String reason, Integer hours) {
    }
}
