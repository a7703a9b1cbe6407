package org.seedcast.feeds;

/**
 * The torrent feed for BitTorrent clients' RSS readers (qBittorrent, Deluge, Vuze, Miro; BEP 36):
 * the signed .torrent is the {@code <enclosure>}, with the .torrent's own size as its length, and
 * each item carries the ezRSS {@code torrent:} elements and a Media RSS {@code media:content}.
 * Episodes without a torrent yet are left out: a torrent reader can do nothing with them.
 *
 * <p>{@code media:hash}: Media RSS 1.5.1 names only {@code md5} and {@code sha-1}. We know neither
 * (the v1 info-hash is a SHA-1 of the torrent's info dictionary, not of the file, so writing it as
 * {@code sha-1} would be false); we do know the file's SHA-256, computed while it was uploaded, so
 * we write {@code algo="sha-256"} under its true name. A reader that knows only the two listed
 * algorithms sees an algorithm it does not support, never a wrong digest.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0036.html">BEP 36, Torrent RSS feeds</a>
 * @see <a href="https://web.archive.org/web/2010/http://xmlns.ezrss.it/0.1/">ezRSS torrent namespace 0.1</a>
 * @see <a href="https://www.rssboard.org/media-rss#optional-elements">Media RSS, media:content and media:hash</a>
 */
final class TorrentFeedWriter {

    private TorrentFeedWriter() {
    }

    static byte[] write(Feed feed) {
        FeedXml xml = new FeedXml();
        xml.start("rss").attribute("version", "2.0")
                .namespace("torrent", FeedXml.TORRENT)
                .namespace("media", FeedXml.MEDIA)
                .namespace("atom", FeedXml.ATOM);
        xml.start("channel")
                .element("title", feed.title())
                .element("link", feed.link())
                .element("description", feed.description().isBlank() ? feed.title() : feed.description())
                .element("language", feed.language())
                .element("generator", "Seedcast")
                .element("lastBuildDate", Rfc822.format(feed.lastBuildDate()))
                .empty(FeedXml.ATOM, "atom", "link", "href", feed.selfUrl(), "rel", "self", "type", "application/rss+xml");
        for (Feed.Item item : feed.items()) {
            if (item.torrent() != null) {
                item(xml, item);
            }
        }
        return xml.end().end().finish();
    }

    private static void item(FeedXml xml, Feed.Item item) {
        xml.start("item")
                .element("title", item.title())
                .element("description", item.description())
                .element("link", item.link());
        xml.start("guid").attribute("isPermaLink", "false").text(item.guid()).end();
        xml.element("pubDate", Rfc822.format(item.publishedAt()))
                .empty(null, null, "enclosure", "url", item.torrent().torrentUrl(),
                        "length", item.torrent().torrentSize(), "type", "application/x-bittorrent")
                .element(FeedXml.TORRENT, "torrent", "fileName", item.fileName() + ".torrent")
                .element(FeedXml.TORRENT, "torrent", "contentLength", item.size())
                .element(FeedXml.TORRENT, "torrent", "infoHash", item.torrent().infoHash())
                .element(FeedXml.TORRENT, "torrent", "magnetURI", item.torrent().magnet());
        xml.start(FeedXml.MEDIA, "media", "content")
                .attribute("url", item.mediaUrl()).attribute("fileSize", item.size())
                .attribute("type", item.mediaType()).attribute("duration", item.durationSeconds())
                .attribute("width", item.width()).attribute("height", item.height());
        if (item.sha256() != null) {
            xml.start(FeedXml.MEDIA, "media", "hash").attribute("algo", "sha-256").text(item.sha256()).end();
        }
        if (item.imageUrl() != null) {
            xml.empty(FeedXml.MEDIA, "media", "thumbnail", "url", item.imageUrl());
        }
        xml.end().end();
    }
}
