package org.seedcast.torrent;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What goes into an episode's torrent besides its hashes. Only {@code name} enters the info dict
 * (and so the info-hash): make it a stable file name derived once, and keep the episode title and
 * notes out, so that editing them never changes the info-hash. The rest sits outside {@code info}.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0012.html">BEP 12</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0019.html">BEP 19</a>
 * @param name         the file name in the torrent, e.g. {@code my-show-s01e03.mp4}
 * @param trackers     the tracker's announce URLs (HTTP, UDP): one tier, BEP 12
 * @param webSeeds     full URLs of the media file, BEP 19 {@code url-list}
 * @param comment      free text, or {@code null}
 * @param createdBy    the program, e.g. {@code Seedcast 0.1}, or {@code null}
 * @param creationDate when the torrent was made, or {@code null}
 */
public record TorrentSpec(String name, List<URI> trackers, List<URI> webSeeds, String comment,
        String createdBy, Instant creationDate) {

    public TorrentSpec {
        Objects.requireNonNull(name, "name");
        if (name.isBlank() || name.contains("/") || name.contains("\\") || name.equals("..")
                || name.equals(".")) {
            throw new IllegalArgumentException("a torrent name is a plain file name, not '" + name + "'");
        }
        trackers = List.copyOf(trackers);
        webSeeds = List.copyOf(webSeeds);
    }
}
