package org.seedcast.feeds;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.seedcast.catalog.CatalogChanged;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Service;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Every feed rendered once and kept as bytes until the catalog changes. Any change drops every
 * feed: the feeds across shows and the OPML list depend on every show anyway, and rendering one
 * again costs milliseconds, so finer invalidation would buy little and risk stale feeds.
 */
@Service
class Feeds {

    static final MediaType RSS = new MediaType("application", "rss+xml", StandardCharsets.UTF_8);
    static final MediaType OPML = new MediaType("text", "x-opml", StandardCharsets.UTF_8);

    private final FeedContent content;
    private final Clock clock;
    private final Map<String, RenderedFeed> cache = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();

    Feeds(FeedContent content, Clock clock) {
        this.content = content;
        this.clock = clock;
    }

    RenderedFeed podcast(String slug) {
        String path = FeedContent.podcastPath(slug);
        return cached(path, () -> rss(PodcastFeedWriter.write(content.show(slug, path))));
    }

    RenderedFeed torrents(String slug) {
        String path = FeedContent.torrentsPath(slug);
        return cached(path, () -> rss(TorrentFeedWriter.write(content.show(slug, path))));
    }

    RenderedFeed allPodcasts() {
        return cached(FeedContent.ALL_PODCAST, () -> rss(PodcastFeedWriter.write(content.everyShow(FeedContent.ALL_PODCAST))));
    }

    RenderedFeed allTorrents() {
        return cached(FeedContent.ALL_TORRENTS, () -> rss(TorrentFeedWriter.write(content.everyShow(FeedContent.ALL_TORRENTS))));
    }

    RenderedFeed opml() {
        return cached(FeedContent.OPML, () -> new RenderedFeed(
                OpmlWriter.write("Seedcast feeds", clock.instant(), content.feedList()), OPML, clock.instant()));
    }

    /** After the change is committed, so a feed rendered next cannot read the state before it. */
    @TransactionalEventListener(fallbackExecution = true)
    void on(CatalogChanged change) {
        generation.incrementAndGet();
        cache.clear();
    }

    /**
     * A render that raced with a change may have read the old state; the generation tells, and
     * such a feed is served once but not kept. (A change bumps the generation before clearing,
     * so a feed stored after the clear sees the new generation and removes itself.)
     */
    private RenderedFeed cached(String key, Supplier<RenderedFeed> render) {
        RenderedFeed hit = cache.get(key);
        if (hit != null) {
            return hit;
        }
        long before = generation.get();
        RenderedFeed fresh = render.get();
        cache.put(key, fresh);
        if (generation.get() != before) {
            cache.remove(key, fresh);
        }
        return fresh;
    }

    private RenderedFeed rss(byte[] bytes) {
        return new RenderedFeed(bytes, RSS, clock.instant());
    }
}
