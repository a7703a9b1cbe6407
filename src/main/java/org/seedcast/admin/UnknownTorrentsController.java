package org.seedcast.admin;

import java.security.Principal;

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
    private final IgnoredTorrents ignored;

    UnknownTorrentsController(Tracker tracker, IgnoredTorrents ignored) {
        this.tracker = tracker;
        this.ignored = ignored;
    }

    /**
     * @param show {@code active} (new and blocked: the default), {@code ignored} or {@code all}
     */
    @GetMapping
    String list(@RequestParam(defaultValue = "") String q, @RequestParam(defaultValue = "active") String show,
                Model model) {
        String query = q.strip().toLowerCase(Locale.ROOT);
        List<Row> all = tracker.unknownTorrents().stream()
                .filter(t -> query.isEmpty() || t.infoHash().toHex().contains(query))
                .map(t -> Row.of(t, ignored.contains(t.infoHash().toHex())))
                .toList();
        List<Row> rows = all.stream().filter(row -> switch (show) {
            case "ignored" -> row.ignored();
            case "all" -> true;
            default -> !row.ignored();
        }).toList();
        model.addAttribute("rows", rows);
        model.addAttribute("q", q);
        model.addAttribute("show", show);
        model.addAttribute("blockedCount", rows.stream().filter(Row::blocked).count());
        model.addAttribute("ignoredCount", all.stream().filter(Row::ignored).count());
        return "admin/unknown-torrents";
    }

    @PostMapping("/{infoHash}/ignore")
    String ignore(@PathVariable String infoHash, @RequestParam(defaultValue = "") String q, Principal admin,
                  RedirectAttributes redirect) {
        act(redirect, () -> {
            InfoHash hash = InfoHash.fromHex(infoHash);
            ignored.ignore(hash.toHex(), admin.getName());
            return "Set aside " + hash.toHex() + ": hidden from this list; the tracker still refuses it.";
        });
        return back(q, redirect);
    }

    @PostMapping("/{infoHash}/unignore")
    String unignore(@PathVariable String infoHash, @RequestParam(defaultValue = "") String q, RedirectAttributes redirect) {
        act(redirect, () -> {
            InfoHash hash = InfoHash.fromHex(infoHash);
            ignored.unignore(hash.toHex());
            return "Back on the list: " + hash.toHex() + ".";
        });
        return back(q, redirect);
    }

    /** One action on every checked hash: block, unblock, ignore or unignore. */
    @PostMapping("/bulk")
    String bulk(@RequestParam(required = false) List<String> hashes, @RequestParam(defaultValue = "") String action,
                @RequestParam(defaultValue = "") String q, Principal admin, RedirectAttributes redirect) {
        act(redirect, () -> {
            if (hashes == null || hashes.isEmpty()) {
                throw new IllegalArgumentException("no info-hash was checked");
            }
            List<InfoHash> selected = hashes.stream().map(InfoHash::fromHex).toList();
            for (InfoHash hash : selected) {
                switch (action) {
                    case "block" -> tracker.block(hash, "blocked by an admin");
                    case "unblock" -> tracker.unblock(hash);
                    case "ignore" -> ignored.ignore(hash.toHex(), admin.getName());
                    case "unignore" -> ignored.unignore(hash.toHex());
                    default -> throw new IllegalArgumentException("choose block, unblock, ignore or unignore");
                }
            }
            return switch (action) {
                case "block" -> "Blocked " + selected.size() + " info-hashes: their announces now get “retry in: never”.";
                case "unblock" -> "Unblocked " + selected.size() + " info-hashes.";
                case "ignore" -> "Set aside " + selected.size() + " info-hashes.";
                default -> "Put " + selected.size() + " info-hashes back on the list.";
            };
        });
        return back(q, redirect);
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
               List<UnknownTorrent.Count> sources, List<UnknownTorrent.Count> clients, boolean blocked,
               boolean ignored) {

        static Row of(UnknownTorrent t, boolean ignored) {
            List<UnknownTorrent.Count> clients = t.clients().stream()
                    .map(c -> new UnknownTorrent.Count(PeerClients.name(c.name()), c.count())).toList();
            return new Row(t.infoHash().toHex(), t.firstSeen(), t.lastSeen(), t.announces(), t.distinctSources(),
                    t.topSources(), clients, t.blocked(), ignored);
        }

        /** new, blocked or ignored, as the status column shows it. */
        public String status() {
            return blocked ? "blocked" : ignored ? "ignored" : "new";
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
