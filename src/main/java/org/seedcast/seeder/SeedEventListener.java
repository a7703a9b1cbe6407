package org.seedcast.seeder;

import org.seedcast.publishing.TorrentPublished;
import org.seedcast.publishing.TorrentWithdrawn;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Keeps what the seed serves current once the publisher's transaction commits, never before: a
 * publish that rolls back must not be seeded, and a withdrawal closes the episode's peers at once.
 * Events raised outside a transaction apply at once.
 */
class SeedEventListener {

    private final Seeding seeding;
    private final boolean enabled;

    SeedEventListener(Seeding seeding, boolean enabled) {
        this.seeding = seeding;
        this.enabled = enabled;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TorrentPublished event) {
        if (enabled) {
            seeding.published(event.episodeId());
        }
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void on(TorrentWithdrawn event) {
        seeding.withdrawn(event.episodeId());
    }
}
