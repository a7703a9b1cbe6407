package org.seedcast.publishing;

import org.seedcast.database.Notifications;
import org.seedcast.torrent.InfoHash;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Publications and withdrawals reach the tracker and the seed of every node, not only of the node
 * where the producer clicked: each is sent with the publisher's transaction (and so arrives only once
 * it commits), and raised again on the other nodes as the same event, which their tracker and seed
 * already listen to. A node that missed some while disconnected catches up by the tracker's and the
 * seed's reconciliation with the published torrents.
 */
@Component
class PublishingRelay implements Notifications.Subscriber {

    static final String TOPIC = "torrents";
    private static final String PUBLISHED = "published";
    private static final String WITHDRAWN = "withdrawn";
    private static final String NONE = "-";

    private final ObjectProvider<Notifications> notifications;
    private final ApplicationEventPublisher events;

    PublishingRelay(ObjectProvider<Notifications> notifications, ApplicationEventPublisher events) {
        this.notifications = notifications;
        this.events = events;
        notifications.ifAvailable(n -> n.subscribe(TOPIC, this));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(TorrentPublished event) {
        send(String.join(" ", PUBLISHED, Long.toString(event.episodeId()), event.v1().toHex(), hex(event.v2Truncated()),
                Long.toString(event.length())));
    }

    @TransactionalEventListener(phase = TransactionPhase.BEFORE_COMMIT, fallbackExecution = true)
    void on(TorrentWithdrawn event) {
        send(String.join(" ", WITHDRAWN, Long.toString(event.episodeId()), event.v1().toHex(), hex(event.v2Truncated())));
    }

    private void send(String payload) {
        notifications.ifAvailable(n -> n.send(TOPIC, payload));
    }

    @Override
    public void received(String payload, boolean ownNode) {
        if (!ownNode) {
            events.publishEvent(decode(payload));
        }
    }

    private static Object decode(String payload) {
        String[] f = payload.split(" ");
        long episodeId = Long.parseLong(f[1]);
        InfoHash v1 = InfoHash.fromHex(f[2]);
        InfoHash v2 = NONE.equals(f[3]) ? null : InfoHash.fromHex(f[3]);
        return switch (f[0]) {
            case PUBLISHED -> new TorrentPublished(episodeId, v1, v2, Long.parseLong(f[4]));
            case WITHDRAWN -> new TorrentWithdrawn(episodeId, v1, v2);
            default -> throw new IllegalArgumentException("not a publishing change: " + payload);
        };
    }

    private static String hex(InfoHash hash) {
        return hash == null ? NONE : hash.toHex();
    }
}
