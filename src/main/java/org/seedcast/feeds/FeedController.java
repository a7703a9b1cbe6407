package org.seedcast.feeds;

import org.springframework.http.CacheControl;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * The feeds on the web. Spring answers {@code If-None-Match} and {@code If-Modified-Since} from
 * the entity's ETag and Last-Modified with 304 (RFC 9110 section 13.2.2: If-None-Match first).
 */
@RestController
class FeedController {

    private final Feeds feeds;
    private final CacheControl cacheControl;

    FeedController(Feeds feeds, FeedsProperties settings) {
        this.feeds = feeds;
        this.cacheControl = CacheControl.maxAge(settings.maxAge()).cachePublic();
    }

    @GetMapping("/shows/{slug}/feed.xml")
    ResponseEntity<byte[]> podcast(@PathVariable String slug) {
        return serve(feeds.podcast(slug));
    }

    @GetMapping("/shows/{slug}/torrents.xml")
    ResponseEntity<byte[]> torrents(@PathVariable String slug) {
        return serve(feeds.torrents(slug));
    }

    @GetMapping(FeedContent.ALL_PODCAST)
    ResponseEntity<byte[]> allPodcasts() {
        return serve(feeds.allPodcasts());
    }

    @GetMapping(FeedContent.ALL_TORRENTS)
    ResponseEntity<byte[]> allTorrents() {
        return serve(feeds.allTorrents());
    }

    @GetMapping(FeedContent.OPML)
    ResponseEntity<byte[]> opml() {
        return serve(feeds.opml());
    }

    private ResponseEntity<byte[]> serve(RenderedFeed feed) {
        return ResponseEntity.ok()
                .contentType(feed.contentType())
                .eTag(feed.etag())
                .lastModified(feed.lastModified())
                .cacheControl(cacheControl)
                .body(feed.bytes());
    }
}
