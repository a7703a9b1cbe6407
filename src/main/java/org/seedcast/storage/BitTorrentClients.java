package org.seedcast.storage;

import java.util.List;
import java.util.Locale;

/**
 * Tells a BitTorrent client's web-seed request (BEP 19, <a href="https://www.bittorrent.org/beps/bep_0019.html">
 * bittorrent.org/beps/bep_0019.html</a>) from a plain download of the same URL, by the request alone.
 *
 * <p>Nothing in a web-seed request says "BitTorrent": it is an ordinary ranged GET. What differs is the
 * {@code User-Agent}: libtorrent sends {@code libtorrent/2.0.8.0} (and applications built on it put
 * their own name there: qBittorrent, Deluge, PicoTorrent…), Transmission {@code Transmission/4.0.5},
 * WebTorrent in Node.js {@code WebTorrent/2.1.0 (https://webtorrent.io)}. A request is a BitTorrent
 * client's when its agent names one of those clients.
 *
 * <p>aria2 is both a BitTorrent client and a plain downloader and sends {@code aria2/1.36.0} either way.
 * As a downloader it opens with a GET without {@code Range} (asking for metalinks in {@code Accept});
 * as a web-seed user it asks for byte ranges from the first request on. So aria2 counts as BitTorrent
 * only with a {@code Range} header.
 *
 * <p>Limits, by construction: a client can send any agent it likes, so this is an estimate, not
 * evidence; WebTorrent in a browser sends the browser's agent and counts as plain; a plain aria2
 * download split over several connections ({@code -x}/{@code -s}) asks for its later segments with
 * ranges and those count as BitTorrent; a client missing from the list below counts as plain. A
 * {@code Range} header alone proves nothing (players seek and resume with ranges too).
 */
final class BitTorrentClients {

    /** Lower-case fragments of the agents BitTorrent clients send with their web-seed requests. */
    private static final List<String> AGENTS = List.of("libtorrent", "qbittorrent", "transmission", "deluge",
            "webtorrent", "bittorrent", "utorrent", "µtorrent", "bitcomet", "biglybt", "azureus", "vuze", "tixati",
            "ktorrent", "picotorrent", "frostwire", "rtorrent");

    private static final String ARIA2 = "aria2/";

    private BitTorrentClients() {
    }

    static WebSeedTraffic.Client of(String userAgent, String range) {
        if (userAgent == null || userAgent.isBlank()) {
            return WebSeedTraffic.Client.PLAIN;
        }
        String agent = userAgent.toLowerCase(Locale.ROOT);
        if (agent.startsWith(ARIA2)) {
            return range == null ? WebSeedTraffic.Client.PLAIN : WebSeedTraffic.Client.BITTORRENT;
        }
        for (String name : AGENTS) {
            if (agent.contains(name)) {
                return WebSeedTraffic.Client.BITTORRENT;
            }
        }
        return WebSeedTraffic.Client.PLAIN;
    }
}
