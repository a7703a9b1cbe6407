package org.seedcast.admin;

import java.time.Clock;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.seedcast.tracker.TrackerStats;
import org.seedcast.traffic.TrafficReport;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;

/**
 * Every published torrent and its swarm: sortable by column, filtered by text, 50 a page, each
 * row with a sparkline of its last hour and what BitTorrent saved; and one torrent's page with its
 * history as charts.
 */
@Controller
class SwarmsController {

    static final int PAGE_SIZE = 50;

    private final PublishedSwarms swarms;
    private final TrafficReport traffic;
    private final Clock clock;

    SwarmsController(PublishedSwarms swarms, TrafficReport traffic, Clock clock) {
        this.swarms = swarms;
        this.traffic = traffic;
        this.clock = clock;
    }

    @GetMapping("/admin/swarms")
    String list(@ModelAttribute("query") SwarmQuery query, Model model) {
        SwarmRow.Column column = SwarmRow.Column.parse(query.sort());
        Comparator<SwarmRow> order = query.ascending() ? column.order : column.order.reversed();
        List<SwarmRow> matching = swarms.all().stream()
                .filter(r -> query.q().isBlank() || r.matches(query.q().strip()))
                .sorted(order)
                .toList();
        int pages = Math.max(1, (matching.size() + PAGE_SIZE - 1) / PAGE_SIZE);
        int page = Math.min(Math.max(1, query.page()), pages);
        List<SwarmRow> rows = matching.subList((page - 1) * PAGE_SIZE, Math.min(matching.size(), page * PAGE_SIZE));
        Map<String, Sparkline> sparklines = new HashMap<>();
        rows.forEach(r -> sparklines.put(r.infoHash(), Sparkline.of(swarms.history(r)))); // the shown rows only
        model.addAttribute("rows", rows);
        model.addAttribute("sparklines", sparklines);
        model.addAttribute("traffic", traffic.byEpisode(rows.stream().map(SwarmRow::episodeId).toList()));
        model.addAttribute("total", matching.size());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("sort", column.key());
        model.addAttribute("dir", query.ascending() ? "asc" : "desc");
        model.addAttribute("columns", SwarmRow.Column.values());
        model.addAttribute("now", Instant.now(clock));
        return "admin/swarms";
    }

    /**
     * One published torrent by its v1 or truncated v2 info-hash: show, episode, hashes, counts,
     * health, and charts that {@code /js/admin-swarm.js} draws from {@code /api/admin/swarms/{infoHash}}.
     */
    @GetMapping("/admin/swarms/{infoHash}")
    String detail(@PathVariable String infoHash, Model model) {
        SwarmRow row = swarms.one(infoHash)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No published torrent has this info-hash"));
        List<TrackerStats.SwarmMinute> history = swarms.history(row);
        model.addAttribute("row", row);
        model.addAttribute("minutes", history.size());
        model.addAttribute("downloadsInHistory", history.stream().mapToLong(TrackerStats.SwarmMinute::completed).sum());
        model.addAttribute("traffic", traffic.episode(row.episodeId()));
        model.addAttribute("now", Instant.now(clock));
        return "admin/swarm";
    }

    /** {@code ?q=&sort=seeders&dir=desc&page=2}. */
    record SwarmQuery(String q, String sort, String dir, Integer page) {

        SwarmQuery {
            q = q == null ? "" : q;
            sort = sort == null ? "leechers" : sort;
            dir = dir == null ? "desc" : dir;
            page = page == null ? 1 : page;
        }

        boolean ascending() {
            return "asc".equalsIgnoreCase(dir);
        }
    }
}
