package org.seedcast.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.eq;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.seedcast.database.Notifications;
import org.seedcast.torrent.InfoHash;
import org.springframework.beans.factory.support.StaticListableBeanFactory;

/** What a publication or withdrawal becomes on the other nodes; the notifications themselves are {@code NotificationsTests}'. */
class PublishingRelayTests {

    private static final InfoHash V1 = InfoHash.fromHex("0123456789abcdef0123456789abcdef01234567");
    private static final InfoHash V2 = InfoHash.fromHex("89abcdef0123456789abcdef0123456789abcdef");

    private final Notifications notifications = mock(Notifications.class);
    private final List<Object> raised = new ArrayList<>();
    private final PublishingRelay relay = new PublishingRelay(
            new StaticListableBeanFactory(Map.of("notifications", notifications)).getBeanProvider(Notifications.class),
            raised::add);

    @Test
    void publicationsAndWithdrawalsAreRaisedAgainAsTheyWereOnlyOnTheOtherNodes() {
        List<Object> events = List.of(new TorrentPublished(3, V1, V2, 1234), new TorrentPublished(4, V1, null, 0),
                new TorrentWithdrawn(3, V1, V2), new TorrentWithdrawn(4, V1, null));
        events.forEach(event -> {
            if (event instanceof TorrentPublished published) {
                relay.on(published);
            } else {
                relay.on((TorrentWithdrawn) event);
            }
        });
        ArgumentCaptor<String> payloads = ArgumentCaptor.forClass(String.class);
        verify(notifications, org.mockito.Mockito.times(4)).send(eq(PublishingRelay.TOPIC), payloads.capture());

        payloads.getAllValues().forEach(payload -> relay.received(payload, true));
        assertThat(raised).as("this node's tracker and seed heard them when they committed").isEmpty();
        payloads.getAllValues().forEach(payload -> relay.received(payload, false));
        assertThat(raised).isEqualTo(events);
    }
}
