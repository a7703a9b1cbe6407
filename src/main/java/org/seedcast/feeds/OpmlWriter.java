package org.seedcast.feeds;

import java.time.Instant;
import java.util.List;

/**
 * OPML 2.0 subscription list: one {@code <outline type="rss">} per feed, flat, so any reader's
 * import takes it.
 *
 * @see <a href="http://opml.org/spec2.opml">OPML 2.0, subscription lists</a>
 */
final class OpmlWriter {

    /** One feed: its title, its URL and the page it belongs to. */
    record Entry(String text, String xmlUrl, String htmlUrl) {
    }

    private OpmlWriter() {
    }

    static byte[] write(String title, Instant created, List<Entry> entries) {
        FeedXml xml = new FeedXml();
        xml.start("opml").attribute("version", "2.0");
        xml.start("head").element("title", title).element("dateCreated", Rfc822.format(created))
                .element("docs", "http://opml.org/spec2.opml").end();
        xml.start("body");
        for (Entry entry : entries) {
            xml.empty(null, null, "outline", "type", "rss", "text", entry.text(), "title", entry.text(),
                    "xmlUrl", entry.xmlUrl(), "htmlUrl", entry.htmlUrl());
        }
        return xml.end().end().finish();
    }
}
