package org.seedcast.tracker;

import org.seedcast.publishing.TorrentPublished;
import org.seedcast.publishing.TorrentWithdrawn;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps the access list current once the publisher's transaction commits, never before: a publish
 * that rolls back must not leave a hash tracked whose .torrent is a 404, and a withdraw that rolls
 * back must not refuse the peers of a torrent that is still published. Swapping an immutable set is
 * cheap, so it runs in the committing thread. Events raised outside a transaction apply at once.
 */
class TrackerEventListener {

    private final Tracker tracker;

    TrackerEventListener(Tracker tracker) {
        this.tracker = tracker;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TorrentPublished event) {
        tracker.track(event.v1(), event.v2Truncated(), event.length());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TorrentWithdrawn event) {
        tracker.untrack(event.v1(), event.v2Truncated());
    }
}
