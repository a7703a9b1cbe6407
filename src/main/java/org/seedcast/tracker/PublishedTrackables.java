package org.seedcast.tracker;

import java.util.LinkedHashMap;
import java.util.Map;

import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.torrent.InfoHash;
import org.springframework.stereotype.Component;

/**
 * What the tracker serves when it starts: every published torrent's v1 hash and, for a hybrid,
 * its truncated v2 hash, with its length, read once from the publishing module; events keep it current after.
 */
@Component
class PublishedTrackables implements TrackableTorrents {

    private final Publishing publishing;

    PublishedTrackables(Publishing publishing) {
        this.publishing = publishing;
    }

    @Override
    public Map<InfoHash, Long> all() {
        Map<InfoHash, Long> hashes = new LinkedHashMap<>();
        for (TorrentPublished torrent : publishing.published()) {
            hashes.put(torrent.v1(), torrent.length());
            if (torrent.v2Truncated() != null) {
                hashes.put(torrent.v2Truncated(), torrent.length());
            }
        }
        return hashes;
    }
}
