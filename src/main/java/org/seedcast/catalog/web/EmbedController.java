package org.seedcast.catalog.web;

import java.net.URI;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.CatalogProperties;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.NotFoundException;
import org.seedcast.catalog.ShowView;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * Another site's view of an episode: {@code /embed/{id}}, its player alone on a page made for an
 * iframe (the only pages other origins may frame), and {@code /oembed}, the oEmbed 1.0 answer
 * (https://oembed.com) for an episode page or embed URL of this site, which platforms that read
 * oEmbed turn into that iframe.
 */
@Controller
class EmbedController {

    private static final Pattern EPISODE_PATH = Pattern.compile("/(?:shows/[^/?#]+/episodes|embed)/(\\d{1,18})/?");

    private final Catalog catalog;
    private final CatalogProperties site;
    private final PlayerModel player;

    EmbedController(Catalog catalog, CatalogProperties site, PlayerModel player) {
        this.player = player;
        this.catalog = catalog;
        this.site = site;
    }

    @GetMapping("/embed/{id}")
    String embed(@PathVariable long id, Model model) {
        EpisodeView episode = catalog.publishedEpisode(id)
                .orElseThrow(() -> new NotFoundException("No published episode " + id + "."));
        ShowView show = catalog.requireShow(episode.showSlug());
        model.addAttribute("episode", episode);
        model.addAttribute("show", show);
        player.addTo(model, episode, show);
        model.addAttribute("pageUrl", site.absolute(episode.pagePath()));
        return "embed";
    }

    /**
     * The oEmbed answer for {@code url}, sized to fit {@code maxwidth} × {@code maxheight} when the
     * consumer gives them. JSON only: the specification answers 501 for a format a provider lacks.
     */
    @GetMapping("/oembed")
    @ResponseBody
    ResponseEntity<OEmbed> oembed(@RequestParam String url, @RequestParam(defaultValue = "json") String format,
                                  @RequestParam(required = false) Integer maxwidth,
                                  @RequestParam(required = false) Integer maxheight) {
        if (!format.equals("json")) {
            return ResponseEntity.status(HttpStatus.NOT_IMPLEMENTED).build();
        }
        EpisodeView episode = episodeAt(url)
                .orElseThrow(() -> new NotFoundException("No published episode of this site at that URL."));
        ShowView show = catalog.requireShow(episode.showSlug());
        PlayerFrame frame = PlayerFrame.of(episode, site).fitting(maxwidth, maxheight);
        return ResponseEntity.ok(new OEmbed(frame.video() ? "video" : "rich", episode.title(), show.title(),
                site.absolute("/shows/" + show.slug()), site.absolute("/"), frame.html(), frame.width(), frame.height()));
    }

    /** The published episode an episode page or embed URL of this site names. */
    private Optional<EpisodeView> episodeAt(String url) {
        URI uri;
        URI base = site.publicUrl();
        try {
            uri = URI.create(url.trim());
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (uri.getScheme() == null || uri.getHost() == null || !uri.getHost().equalsIgnoreCase(base.getHost())
                || uri.getPort() != base.getPort() || uri.getRawPath() == null) {
            return Optional.empty();
        }
        String basePath = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/$", "");
        if (!uri.getRawPath().startsWith(basePath + "/")) {
            return Optional.empty();
        }
        Matcher m = EPISODE_PATH.matcher(uri.getRawPath().substring(basePath.length()));
        return m.matches() ? catalog.publishedEpisode(Long.parseLong(m.group(1))) : Optional.empty();
    }

    /** An oEmbed 1.0 response: https://oembed.com/#section2.3 */
    record OEmbed(String type, String title, @JsonProperty("author_name") String authorName,
                  @JsonProperty("author_url") String authorUrl, @JsonProperty("provider_url") String providerUrl,
                  String html, int width, int height) {

        @JsonProperty
        String version() {
            return "1.0";
        }

        @JsonProperty("provider_name")
        String providerName() {
            return "Seedcast";
        }
    }
}
