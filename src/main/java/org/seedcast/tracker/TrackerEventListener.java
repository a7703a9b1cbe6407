package org.seedcast.tracker;

import org.seedcast.publishing.TorrentPublished;
import org.seedcast.publishing.TorrentWithdrawn;
import org.springframework.context.event.EventListener;

/**
 * Keeps the access list current, synchronously in the publisher's thread: swapping an immutable set
 * is cheap, and a torrent is trackable the moment its publication is announced.
 */
class TrackerEventListener {

    private final Tracker tracker;

    TrackerEventListener(Tracker tracker) {
        this.tracker = tracker;
    }

    @EventListener
    void on(TorrentPublished event) {
        tracker.track(event.v1(), event.v2Truncated());
    }

    @EventListener
    void on(TorrentWithdrawn event) {
        tracker.untrack(event.v1(), event.v2Truncated());
    }
}
