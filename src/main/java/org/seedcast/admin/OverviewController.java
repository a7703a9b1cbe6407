package org.seedcast.admin;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.seedcast.accounts.Accounts;
import org.seedcast.catalog.Catalog;
import org.seedcast.tracker.RequestCount;
import org.seedcast.tracker.Tracker;
import org.seedcast.tracker.TrackerStats;
import org.seedcast.tracker.UnknownTorrent;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The admin's front page: the tracker's load now and over the last hour, refreshed in place by
 * {@code /js/admin-overview.js} from {@code /admin/overview.json}; links to the other pages.
 */
@Controller
class OverviewController {

    private final Tracker tracker;
    private final TrackerLoad load;
    private final Accounts accounts;
    private final Catalog catalog;

    OverviewController(Tracker tracker, TrackerLoad load, Accounts accounts, Catalog catalog) {
        this.tracker = tracker;
        this.load = load;
        this.accounts = accounts;
        this.catalog = catalog;
    }

    @GetMapping("/admin")
    String overview(Model model) {
        model.addAttribute("load", snapshot());
        model.addAttribute("shows", catalog.allShows().size());
        model.addAttribute("users", accounts.all().size());
        return "admin/index";
    }

    @GetMapping("/admin/overview.json")
    @ResponseBody
    Snapshot snapshot() {
        TrackerStats stats = tracker.stats();
        List<UnknownTorrent> unknown = tracker.unknownTorrents();
        return new Snapshot(stats.trackedTorrents(), stats.activeSwarms(), stats.peers(), stats.seeders(),
                stats.leechers(), stats.unknownHashes(), unknown.stream().filter(UnknownTorrent::blocked).count(),
                tracker.bans().size(), totals(), topRefusedSources(unknown, tracker.refusedSources()), TrackerLoad.STEP_SECONDS,
                load.samples(), stats.recentMinutes(), stats.publisherSeed());
    }

    /** Requests so far by outcome, all transports and kinds. */
    private Map<String, Long> totals() {
        Map<String, Long> totals = new HashMap<>();
        for (RequestCount c : tracker.requestCounts()) {
            totals.merge(c.outcome(), c.count(), Long::sum);
        }
        return totals;
    }

    /**
     * The sources refused most: foreign announces summed over the hashes they named, plus requests
     * refused unread (rate limits, bans), which is where a flood shows.
     */
    private static List<UnknownTorrent.Count> topRefusedSources(List<UnknownTorrent> unknown,
                                                                List<UnknownTorrent.Count> refusedUnread) {
        Map<String, Long> bySource = new HashMap<>();
        unknown.forEach(t -> t.topSources().forEach(s -> bySource.merge(s.name(), s.count(), Long::sum)));
        refusedUnread.forEach(s -> bySource.merge(s.name(), s.count(), Long::sum));
        return bySource.entrySet().stream()
                .map(e -> new UnknownTorrent.Count(e.getKey(), e.getValue()))
                .sorted(Comparator.comparingLong(UnknownTorrent.Count::count).reversed())
                .limit(10)
                .toList();
    }

    /**
     * The overview's numbers.
     *
     * @param peers         fans in all swarms (seeders and leechers); the publisher's seed apart
     * @param load          announces per second by {@code transport/outcome}, every {@code stepSeconds}
     * @param minutes       the tracker's per-minute samples, oldest first
     * @param publisherSeed the publisher's seed as the tracker lists it in every published swarm, or {@code null}
     */
    record Snapshot(int trackedTorrents, int activeSwarms, long peers, long seeders, long leechers,
                    int unknownHashes, long blockedHashes, int bans, Map<String, Long> requests,
                    List<UnknownTorrent.Count> topRefusedSources, int stepSeconds, List<TrackerLoad.Sample> load,
                    List<TrackerStats.MinuteSample> minutes, String publisherSeed) {
    }
}
