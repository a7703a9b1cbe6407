package org.seedcast.feeds;

import java.util.Base64;
import java.util.HexFormat;

import org.seedcast.catalog.Chapters;
import org.seedcast.catalog.Transcripts;

/**
 * The podcast feed: RSS 2.0 with the media file as the {@code <enclosure>}, Apple's {@code itunes:}
 * tags, and Podcasting 2.0's {@code podcast:} tags, where the torrent and the magnet link are
 * {@code <podcast:source>}s of a {@code <podcast:alternateEnclosure>} (podcast apps break on a
 * .torrent enclosure, so it is never the main one).
 *
 * @see <a href="https://www.rssboard.org/rss-specification">RSS 2.0</a>
 * @see <a href="https://podcasters.apple.com/support/823-podcast-requirements">Apple Podcasts RSS requirements</a>
 * @see <a href="https://podcastindex.org/namespace/1.0">Podcasting 2.0 namespace</a>
 */
final class PodcastFeedWriter {

    private PodcastFeedWriter() {
    }

    static byte[] write(Feed feed) {
        FeedXml xml = new FeedXml();
        xml.start("rss").attribute("version", "2.0")
                .namespace("itunes", FeedXml.ITUNES)
                .namespace("podcast", FeedXml.PODCAST)
                .namespace("atom", FeedXml.ATOM);
        xml.start("channel");
        channel(xml, feed);
        for (Feed.Item item : feed.items()) {
            item(xml, item);
        }
        return xml.end().end().finish();
    }

    private static void channel(FeedXml xml, Feed feed) {
        xml.element("title", feed.title())
                .element("link", feed.link())
                .element("description", feed.description().isBlank() ? feed.title() : feed.description())
                .element("language", feed.language())
                .element("generator", "Seedcast")
                .element("lastBuildDate", Rfc822.format(feed.lastBuildDate()))
                .empty(FeedXml.ATOM, "atom", "link", "href", feed.selfUrl(), "rel", "self", "type", "application/rss+xml")
                .element(FeedXml.ITUNES, "itunes", "author", feed.author())
                .element(FeedXml.ITUNES, "itunes", "explicit", String.valueOf(feed.explicit()))
                .element(FeedXml.ITUNES, "itunes", "type", "episodic");
        if (feed.category() != null && !feed.category().isBlank()) {
            xml.empty(FeedXml.ITUNES, "itunes", "category", "text", feed.category());
        }
        if (feed.artworkUrl() != null) {
            xml.empty(FeedXml.ITUNES, "itunes", "image", "href", feed.artworkUrl());
            xml.start("image").element("url", feed.artworkUrl()).element("title", feed.title())
                    .element("link", feed.link()).end();
        }
        xml.element(FeedXml.PODCAST, "podcast", "guid", PodcastGuid.of(feed.selfUrl()));
    }

    private static void item(FeedXml xml, Feed.Item item) {
        xml.start("item")
                .element("title", item.title())
                .element("description", item.description())
                .element("link", item.link());
        xml.start("guid").attribute("isPermaLink", "false").text(item.guid()).end();
        xml.element("pubDate", Rfc822.format(item.publishedAt()))
                .empty(null, null, "enclosure", "url", item.mediaUrl(), "length", item.size(), "type", item.mediaType())
                .element(FeedXml.ITUNES, "itunes", "title", item.title())
                .element(FeedXml.ITUNES, "itunes", "duration", item.durationSeconds())
                .element(FeedXml.ITUNES, "itunes", "episode", item.episodeNumber())
                .element(FeedXml.ITUNES, "itunes", "season", item.season())
                .element(FeedXml.ITUNES, "itunes", "explicit", String.valueOf(item.explicit()))
                .element(FeedXml.PODCAST, "podcast", "season", item.season())
                .element(FeedXml.PODCAST, "podcast", "episode", item.episodeNumber());
        if (item.imageUrl() != null) {
            xml.empty(FeedXml.ITUNES, "itunes", "image", "href", item.imageUrl());
        }
        if (item.chaptersUrl() != null) {
            xml.empty(FeedXml.PODCAST, "podcast", "chapters", "url", item.chaptersUrl(), "type", Chapters.MEDIA_TYPE);
        }
        if (item.transcriptUrl() != null) {
            xml.empty(FeedXml.PODCAST, "podcast", "transcript", "url", item.transcriptUrl(), "type", Transcripts.MEDIA_TYPE);
        }
        alternateEnclosure(xml, item);
        xml.end();
    }

    /**
     * The same media through BitTorrent, with its SHA-256 as a Subresource Integrity value
     * ({@code sha256-} and the digest in base64, W3C SRI section 3.5) so a client can check the
     * file whichever way it came.
     */
    private static void alternateEnclosure(FeedXml xml, Feed.Item item) {
        if (item.torrent() == null && item.sha256() == null) {
            return;
        }
        xml.start(FeedXml.PODCAST, "podcast", "alternateEnclosure")
                .attribute("type", item.mediaType()).attribute("length", item.size())
                .attribute("title", "BitTorrent");
        if (item.sha256() != null) {
            xml.empty(FeedXml.PODCAST, "podcast", "integrity", "type", "sri", "value", sri(item.sha256()));
        }
        if (item.torrent() != null) {
            xml.empty(FeedXml.PODCAST, "podcast", "source",
                    "uri", item.torrent().torrentUrl(), "contentType", "application/x-bittorrent");
            xml.empty(FeedXml.PODCAST, "podcast", "source", "uri", item.torrent().magnet());
        }
        xml.end();
    }

    static String sri(String sha256Hex) {
        return "sha256-" + Base64.getEncoder().encodeToString(HexFormat.of().parseHex(sha256Hex));
    }
}
