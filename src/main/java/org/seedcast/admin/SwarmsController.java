package org.seedcast.admin;

import java.util.Comparator;
import java.util.List;

import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;

/** Every published torrent and its swarm: sortable by column, filtered by text, 50 a page. */
@Controller
class SwarmsController {

    static final int PAGE_SIZE = 50;

    private final PublishedSwarms swarms;

    SwarmsController(PublishedSwarms swarms) {
        this.swarms = swarms;
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
        model.addAttribute("rows", matching.subList((page - 1) * PAGE_SIZE, Math.min(matching.size(), page * PAGE_SIZE)));
        model.addAttribute("total", matching.size());
        model.addAttribute("page", page);
        model.addAttribute("pages", pages);
        model.addAttribute("sort", column.key());
        model.addAttribute("dir", query.ascending() ? "asc" : "desc");
        model.addAttribute("columns", SwarmRow.Column.values());
        return "admin/swarms";
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
