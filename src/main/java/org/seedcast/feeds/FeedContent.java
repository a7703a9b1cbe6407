package org.seedcast.feeds;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.seedcast.catalog.Catalog;
import org.seedcast.catalog.CatalogProperties;
import org.seedcast.catalog.Companions;
import org.seedcast.catalog.EpisodeView;
import org.seedcast.catalog.ShowView;
import org.seedcast.catalog.TorrentLinks;
import org.seedcast.publishing.Publishing;
import org.springframework.stereotype.Component;

/** Reads what the feeds list from the catalog: published episodes only, newest first, at most {@code max-items}. */
@Component
class FeedContent {

    static final String ALL_PODCAST = "/feeds/all.xml";
    static final String ALL_TORRENTS = "/feeds/torrents.xml";
    static final String OPML = "/feeds/opml";

    private static final Comparator<EpisodeView> NEWEST_FIRST = Comparator
            .comparing(EpisodeView::publishedAt).thenComparing(EpisodeView::id).reversed();

    private final Catalog catalog;
    private final Companions companions;
    private final Publishing publishing;
    private final CatalogProperties site;
    private final FeedsProperties settings;

    FeedContent(Catalog catalog, Companions companions, Publishing publishing, CatalogProperties site,
                FeedsProperties settings) {
        this.catalog = catalog;
        this.companions = companions;
        this.publishing = publishing;
        this.site = site;
        this.settings = settings;
    }

    static String podcastPath(String slug) {
        return "/shows/" + slug + "/feed.xml";
    }

    static String torrentsPath(String slug) {
        return "/shows/" + slug + "/torrents.xml";
    }

    /** One show's feed; {@code selfPath} is the podcast or the torrent feed's path. */
    Feed show(String slug, String selfPath) {
        ShowView show = catalog.requireShow(slug);
        List<EpisodeView> episodes = catalog.publishedEpisodes(slug).stream().limit(settings.maxItems()).toList();
        Map<Long, Companions.Present> extras = companionsOf(episodes);
        List<Feed.Item> items = episodes.stream().map(e -> item(e, show, e.title(), extras.get(e.id()))).toList();
        return new Feed(show.title(), site.absolute("/shows/" + slug), show.description(), show.language(),
                show.author(), show.category(), show.explicit(),
                show.hasArtwork() ? site.absolute(show.artworkPath()) : null,
                site.absolute(selfPath), lastChange(show.updatedAt(), episodes), items);
    }

    /** Every show's episodes in one feed, each titled "Show: Episode". */
    Feed everyShow(String selfPath) {
        List<ShowView> shows = catalog.allShows();
        Map<Long, ShowView> byId = shows.stream().collect(Collectors.toMap(ShowView::id, Function.identity()));
        List<EpisodeView> newest = catalog.publishedEpisodes(shows).stream().sorted(NEWEST_FIRST)
                .limit(settings.maxItems()).toList();
        Map<Long, Companions.Present> extras = companionsOf(newest);
        List<Feed.Item> items = newest.stream().map(e -> {
            ShowView show = byId.get(e.showId());
            return item(e, show, show.title() + ": " + e.title(), extras.get(e.id()));
        }).toList();
        Instant showsChanged = shows.stream().map(ShowView::updatedAt).max(Comparator.naturalOrder()).orElse(Instant.EPOCH);
        return new Feed("Every show", site.absolute("/"), "Every episode of every show published here.", null, null,
                null, shows.stream().anyMatch(ShowView::explicit), null, site.absolute(selfPath),
                lastChange(showsChanged, newest), items);
    }

    List<OpmlWriter.Entry> feedList() {
        List<OpmlWriter.Entry> entries = new ArrayList<>();
        entries.add(new OpmlWriter.Entry("Every show", site.absolute(ALL_PODCAST), site.absolute("/")));
        entries.add(new OpmlWriter.Entry("Every show (torrents)", site.absolute(ALL_TORRENTS), site.absolute("/")));
        for (ShowView show : catalog.allShows()) {
            String page = site.absolute("/shows/" + show.slug());
            entries.add(new OpmlWriter.Entry(show.title(), site.absolute(podcastPath(show.slug())), page));
            entries.add(new OpmlWriter.Entry(show.title() + " (torrents)", site.absolute(torrentsPath(show.slug())), page));
        }
        return entries;
    }

    private Map<Long, Companions.Present> companionsOf(List<EpisodeView> episodes) {
        return companions.presentFor(episodes.stream().map(EpisodeView::id).toList());
    }

    private Feed.Item item(EpisodeView episode, ShowView show, String title, Companions.Present extras) {
        TorrentLinks.Links torrent = publishing.forEpisode(episode.id()).orElse(null);
        return new Feed.Item(episode.guid(), title, episode.description(),
                site.absolute(episode.pagePath()), episode.publishedAt(),
                episode.season(), episode.episodeNumber(), show.explicit(), episode.fileName(),
                site.absolute(episode.mediaPath()), episode.mediaType(), episode.size() == null ? 0 : episode.size(),
                episode.sha256(), torrent,
                extras.chapters() ? site.absolute(episode.chaptersPath()) : null,
                extras.transcript() ? site.absolute(episode.transcriptPath()) : null,
                episode.facts().durationSeconds(), episode.facts().width(), episode.facts().height(),
                episode.posterPath() == null ? null : site.absolute(episode.posterPath()));
    }

    private static Instant lastChange(Instant showChanged, List<EpisodeView> episodes) {
        Instant last = showChanged;
        for (EpisodeView episode : episodes) {
            Instant changed = episode.updatedAt().isAfter(episode.publishedAt()) ? episode.updatedAt() : episode.publishedAt();
            if (changed.isAfter(last)) {
                last = changed;
            }
        }
        return last;
    }
}
