package org.seedcast.admin;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.Tracker;
import org.seedcast.tracker.UnknownTorrent;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Foreign info-hashes clients announce to the tracker, and what an admin does about them: block
 * a hash, lift the block, ban a source address or its network. Each action reaches the tracker
 * at once.
 */
@Controller
@RequestMapping("/admin/unknown-torrents")
class UnknownTorrentsController {

    private final Tracker tracker;

    UnknownTorrentsController(Tracker tracker) {
        this.tracker = tracker;
    }

    @GetMapping
    String list(@RequestParam(defaultValue = "") String q, Model model) {
        String query = q.strip().toLowerCase(Locale.ROOT);
        List<Row> rows = tracker.unknownTorrents().stream()
                .filter(t -> query.isEmpty() || t.infoHash().toHex().contains(query))
                .map(Row::of)
                .toList();
        model.addAttribute("rows", rows);
        model.addAttribute("q", q);
        model.addAttribute("blockedCount", rows.stream().filter(Row::blocked).count());
        return "admin/unknown-torrents";
    }

    @PostMapping("/{infoHash}/block")
    String block(@PathVariable String infoHash, @RequestParam(defaultValue = "") String q, RedirectAttributes redirect) {
        act(redirect, () -> {
            InfoHash hash = InfoHash.fromHex(infoHash);
            tracker.block(hash, "blocked by an admin");
            return "Blocked " + hash.toHex() + ": its announces now get “retry in: never”.";
        });
        return back(q, redirect);
    }

    @PostMapping("/{infoHash}/unblock")
    String unblock(@PathVariable String infoHash, @RequestParam(defaultValue = "") String q, RedirectAttributes redirect) {
        act(redirect, () -> {
            InfoHash hash = InfoHash.fromHex(infoHash);
            tracker.unblock(hash);
            return "Unblocked " + hash.toHex() + ".";
        });
        return back(q, redirect);
    }

    @PostMapping("/ban")
    String ban(@ModelAttribute BanSourceForm form, RedirectAttributes redirect) {
        act(redirect, () -> {
            String target = SourceNetwork.of(form.source(), form.network());
            String cidr = tracker.ban(target, "announced foreign torrent " + form.infoHash()).cidr();
            return "Banned " + cidr + ": its requests now get “your address is banned”.";
        });
        return back(form.q(), redirect);
    }

    private static void act(RedirectAttributes redirect, Action action) {
        try {
            redirect.addFlashAttribute("success", action.run());
        } catch (IllegalArgumentException e) {
            redirect.addFlashAttribute("error", "Nothing changed: " + e.getMessage() + ".");
        }
    }

    private static String back(String q, RedirectAttributes redirect) {
        if (q != null && !q.isBlank()) {
            redirect.addAttribute("q", q);
        }
        return "redirect:/admin/unknown-torrents";
    }

    private interface Action {
        String run();
    }

    /** One foreign hash as the page shows it, client prefixes decoded to names. */
    record Row(String infoHash, Instant firstSeen, Instant lastSeen, long announces, long distinctSources,
               List<UnknownTorrent.Count> sources, List<UnknownTorrent.Count> clients, boolean blocked) {

        static Row of(UnknownTorrent t) {
            List<UnknownTorrent.Count> clients = t.clients().stream()
                    .map(c -> new UnknownTorrent.Count(PeerClients.name(c.name()), c.count())).toList();
            return new Row(t.infoHash().toHex(), t.firstSeen(), t.lastSeen(), t.announces(), t.distinctSources(),
                    t.topSources(), clients, t.blocked());
        }
    }

    /**
     * The ban form on a source: its address (or IPv6 /64), whether to ban its whole network, the
     * hash it announced (for the reason) and the page's search, to return to.
     */
    record BanSourceForm(String source, boolean network, String infoHash, String q) {

        BanSourceForm {
            source = source == null ? "" : source;
            infoHash = infoHash == null ? "" : infoHash;
            q = q == null ? "" : q;
        }
    }
}
