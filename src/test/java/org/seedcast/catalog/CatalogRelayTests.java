package org.seedcast.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.seedcast.database.Notifications;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** How a catalog change travels between web nodes; the notifications themselves are {@code NotificationsTests}'. */
class CatalogRelayTests {

    private final Notifications notifications = mock(Notifications.class);
    private final List<Object> raised = new ArrayList<>();
    private final CatalogRelay relay = new CatalogRelay(
            new StaticListableBeanFactory(java.util.Map.of("notifications", notifications)).getBeanProvider(Notifications.class),
            raised::add);

    @Test
    void aChangeIsSentAndRaisedAgainOnlyOnTheOtherNodes() {
        relay.on(new CatalogChanged(5, 7L));
        relay.on(new CatalogChanged(5, null));
        verify(notifications).send(CatalogRelay.TOPIC, "5 7");
        verify(notifications).send(CatalogRelay.TOPIC, "5 -");

        relay.received("5 7", true);
        assertThat(raised).as("this node's caches dropped it when it committed").isEmpty();
        relay.received("5 7", false);
        relay.received("5 -", false);
        assertThat(raised).containsExactly(new CatalogChanged(5, 7L), new CatalogChanged(5, null));
    }

    @Test
    void aNodeThatMayHaveMissedChangesDropsEverythingItCached() {
        relay.missed();
        assertThat(raised).containsExactly(CatalogChanged.ANYTHING);
    }
}
