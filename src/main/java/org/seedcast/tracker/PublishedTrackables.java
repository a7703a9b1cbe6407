package org.seedcast.tracker;

import java.util.ArrayList;
import java.util.List;

import org.seedcast.publishing.Publishing;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.torrent.InfoHash;
import org.springframework.stereotype.Component;

/**
 * What the tracker serves when it starts: every published torrent's v1 hash and, for a hybrid,
 * its truncated v2 hash, read once from the publishing module; events keep it current after.
 */
@Component
class PublishedTrackables implements TrackableTorrents {

    private final Publishing publishing;

    PublishedTrackables(Publishing publishing) {
        this.publishing = publishing;
    }

    @Override
    public List<InfoHash> all() {
        List<InfoHash> hashes = new ArrayList<>();
        for (TorrentPublished torrent : publishing.published()) {
            hashes.add(torrent.v1());
            if (torrent.v2Truncated() != null) {
                hashes.add(torrent.v2Truncated());
            }
        }
        return hashes;
    }
}
