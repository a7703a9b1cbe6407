package org.seedcast.catalog.web;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.seedcast.accounts.SeedcastUser;
import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.CatalogProperties;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.NotFoundException;
import org.seedcast.catalog.ShowView;
import org.seedcast.catalog.SwarmCounts;
import org.seedcast.catalog.TorrentLinks;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;

/** The fans' pages: every show, one show with its published episodes, one episode. */
@Controller
class PublicPagesController {

    private final Catalog catalog;
    private final ObjectProvider<TorrentLinks> torrents;
    private final ObjectProvider<SwarmCounts> swarms;
    private final CatalogProperties site;
    private final PlayerModel player;
    private final PublicShare share;

    PublicPagesController(Catalog catalog, ObjectProvider<TorrentLinks> torrents, ObjectProvider<SwarmCounts> swarms,
                          CatalogProperties site, PlayerModel player, PublicShare share) {
        this.player = player;
        this.share = share;
        this.catalog = catalog;
        this.torrents = torrents;
        this.swarms = swarms;
        this.site = site;
    }

    @GetMapping("/")
    String home(Model model) {
        model.addAttribute("shows", catalog.allShows());
        return "home";
    }

    @GetMapping("/shows/{slug}")
    String show(@PathVariable String slug, @AuthenticationPrincipal SeedcastUser user, Model model) {
        ShowView show = catalog.requireShow(slug);
        List<EpisodeView> episodes = catalog.publishedEpisodes(slug);
        model.addAttribute("show", show);
        model.addAttribute("episodes", episodes);
        model.addAttribute("torrents", linksOf(episodes));
        model.addAttribute("canManage", catalog.canManage(slug, user));
        // The feed paths are part of the public contract; the feeds module serves them.
        model.addAttribute("podcastFeedUrl", site.absolute("/shows/" + slug + "/feed.xml"));
        model.addAttribute("torrentFeedUrl", site.absolute("/shows/" + slug + "/torrents.xml"));
        return "show";
    }

    @GetMapping("/shows/{slug}/episodes/{id}")
    String episode(@PathVariable String slug, @PathVariable long id, Model model) {
        EpisodeView episode = catalog.publishedEpisode(id)
                .filter(e -> e.showSlug().equals(slug))
                .orElseThrow(() -> new NotFoundException("No published episode " + id + " in " + slug + "."));
        ShowView show = catalog.requireShow(slug);
        model.addAttribute("show", show);
        model.addAttribute("episode", episode);
        player.addTo(model, episode, show);
        String page = site.absolute(episode.pagePath());
        model.addAttribute("oembedUrl", site.absolute("/oembed?format=json&url=" + URLEncoder.encode(page, StandardCharsets.UTF_8)));
        model.addAttribute("embedCode", episode.playback().playable() ? PlayerFrame.of(episode, site).html() : null);
        TorrentLinks links = torrents.getIfAvailable();
        TorrentLinks.Links torrent = links == null ? null : links.forEpisode(id).orElse(null);
        model.addAttribute("torrent", torrent);
        SwarmCounts counts = swarms.getIfAvailable();
        model.addAttribute("sharing", torrent == null || counts == null ? null
                : counts.forTorrent(torrent.infoHash(), torrent.infoHashV2()).sharing());
        model.addAttribute("p2pShare", torrent == null ? null : share.of(id));
        return "episode";
    }

    private Map<Long, TorrentLinks.Links> linksOf(List<EpisodeView> episodes) {
        Map<Long, TorrentLinks.Links> map = new HashMap<>();
        TorrentLinks links = torrents.getIfAvailable();
        if (links != null) {
            episodes.forEach(e -> links.forEpisode(e.id()).ifPresent(l -> map.put(e.id(), l)));
        }
        return map;
    }
}
