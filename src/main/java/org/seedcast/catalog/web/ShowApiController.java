package org.seedcast.catalog.web;

import java.net.URI;
import java.util.List;

import org.seedcast.accounts.SeedcastUser;
import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.CatalogProperties;
import org.seedcast.catalog.ShowDetails;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/shows}: list, read, create and edit shows. */
@RestController
@RequestMapping("/api/shows")
class ShowApiController {

    private final Catalog catalog;
    private final CatalogProperties site;

    ShowApiController(Catalog catalog, CatalogProperties site) {
        this.catalog = catalog;
        this.site = site;
    }

    @GetMapping
    List<ShowResource> list() {
        return catalog.allShows().stream().map(s -> ShowResource.of(s, site)).toList();
    }

    @GetMapping("/{slug}")
    ShowResource get(@PathVariable String slug) {
        return ShowResource.of(catalog.requireShow(slug), site);
    }

    @PostMapping
    ResponseEntity<ShowResource> create(@RequestBody ShowRequest request, @AuthenticationPrincipal SeedcastUser user) {
        ShowResource show = ShowResource.of(catalog.createShow(request.details(null), user), site);
        return ResponseEntity.created(URI.create("/api/shows/" + show.slug())).body(show);
    }

    @PutMapping("/{slug}")
    ShowResource update(@PathVariable String slug, @RequestBody ShowRequest request,
                        @AuthenticationPrincipal SeedcastUser user) {
        String format = catalog.requireShow(slug).torrentFormat();
        return ShowResource.of(catalog.updateShow(slug, request.details(slug, format), user), site);
    }

    /** The JSON a script sends; only slug and title are required. */
    record ShowRequest(String slug, String title, String description, String author, String language,
                       String category, Boolean explicit, String torrentFormat) {

        ShowDetails details(String fixedSlug) {
            return details(fixedSlug, torrentFormat);
        }

        ShowDetails details(String fixedSlug, String format) {
            return ShowDetails.of(fixedSlug != null ? fixedSlug : slug, title, description, author, language, category,
                    Boolean.TRUE.equals(explicit), format);
        }
    }
}
