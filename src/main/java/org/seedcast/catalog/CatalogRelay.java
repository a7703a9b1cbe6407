package org.seedcast.catalog;

import org.seedcast.database.Notifications;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Catalog changes reach the page, feed and media caches of every web node: each is sent with the
 * changing transaction (and so arrives only once it commits), and raised again on the other nodes
 * as the same {@link CatalogChanged}, which their caches already listen to. A node that missed some
 * while disconnected drops everything it cached.
 */
@Component
class CatalogRelay implements Notifications.Subscriber {

    static final String TOPIC = "catalog";
    private static final String NO_EPISODE = "-";

    private final ObjectProvider<Notifications> notifications;
    private final ApplicationEventPublisher events;

    CatalogRelay(ObjectProvider<Notifications> notifications, ApplicationEventPublisher events) {
        this.notifications = notifications;
        this.events = events;
        notifications.ifAvailable(n -> n.subscribe(TOPIC, this));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(CatalogChanged change) {
        String episode = change.episodeId() == null ? NO_EPISODE : change.episodeId().toString();
        notifications.ifAvailable(n -> n.send(TOPIC, change.showId() + " " + episode));
    }

    @Override
    public void received(String payload, boolean ownNode) {
        if (!ownNode) {
            String[] f = payload.split(" ");
            events.publishEvent(new CatalogChanged(Long.parseLong(f[0]), NO_EPISODE.equals(f[1]) ? null : Long.valueOf(f[1])));
        }
    }

    @Override
    public void missed() {
        events.publishEvent(CatalogChanged.ANYTHING);
    }
}
