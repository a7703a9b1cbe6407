package org.seedcast.feeds;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * Dates as RSS 2.0 wants them: RFC 822 section 5 with a four-digit year, always in GMT and with
 * English day and month names whatever the server's locale, e.g. {@code Tue, 03 Jun 2008 09:39:21 GMT}.
 *
 * @see <a href="https://www.rssboard.org/rss-specification#ltpubdategtSubelementOfLtitemgt">RSS 2.0, pubDate</a>
 * @see <a href="https://www.rfc-editor.org/rfc/rfc822#section-5">RFC 822, section 5</a>
 */
final class Rfc822 {

    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ENGLISH).withZone(ZoneOffset.UTC);

    private Rfc822() {
    }

    static String format(Instant instant) {
        return FORMAT.format(instant);
    }
}
