package org.seedcast.tracker.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.protocol.AnnounceRequest;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.Event;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.protocol.SelectedPeers;

/** Two members' stores, with the changes one logs applied to the other as the cluster's topic would. */
class SwarmChangesTests {

    private static final HashKey HASH = SwarmStoreTests.hash(1);
    private static final Endpoint FAN = Endpoint.ipv4(0x0A000001, 6881);
    private static final Endpoint FAN_V6 = Endpoint.ipv6(0x2001_0db8_0000_0001L, 7, 6881);
    private static final Endpoint OTHER = Endpoint.ipv4(0x0A000002, 6881);

    private final AtomicInteger clock = new AtomicInteger(1000);
    private final SwarmStore a = store();
    private final SwarmStore b = store();
    private final SelectedPeers out = new SelectedPeers(200);
    private final SplittableRandom random = new SplittableRandom(1);

    private SwarmStore store() {
        return new SwarmStore(3600, clock::get, SwarmCaps.DEFAULTS, SeedPeer.NONE, true);
    }

    private void announce(SwarmStore store, Endpoint peer, long left, Event event) {
        announce(store, peer, left, 0, event);
    }

    private void announce(SwarmStore store, Endpoint peer, long left, long downloaded, Event event) {
        store.announce(new AnnounceRequest(HASH, 0, 0, downloaded, left, event, peer.port(), 50, true, null),
                peer, 50, true, true, out, random);
    }

    /** Moves what {@code from} logged into {@code to}; returns the changes moved. */
    private static int pass(SwarmStore from, SwarmStore to) {
        ByteBuffer batch = ByteBuffer.allocate(from.maxChangeBytes());
        from.drainChanges(batch);
        return to.applyChanges(batch.flip());
    }

    @Test
    void aPeerAnnouncedOnOneMemberIsListedByTheOtherUntilItStops() {
        announce(a, FAN, 5, Event.STARTED);
        announce(a, FAN_V6, 5, Event.STARTED);
        assertThat(pass(a, b)).isEqualTo(2);

        announce(b, OTHER, 5, Event.STARTED);
        assertThat(out.v4Count).isEqualTo(1);
        assertThat(out.v6Count).isEqualTo(1);
        assertThat(out.leechers).isEqualTo(3);
        assertThat(pass(b, a)).isEqualTo(1);
        assertThat(a.leechers()).isEqualTo(3);

        announce(a, FAN, 5, Event.STOPPED);
        pass(a, b);
        announce(b, OTHER, 5, Event.NONE);
        assertThat(out.v4Count).isZero();
        assertThat(b.leechers()).isEqualTo(2);
    }

    @Test
    void aDownloadCompletedOnOneMemberCountsOnBothAndOnlyThatMemberWritesIt() {
        announce(a, FAN, 5, Event.STARTED);
        announce(a, FAN, 0, Event.COMPLETED);
        pass(a, b);
        announce(b, OTHER, 5, Event.STARTED);
        assertThat(out.completed).isEqualTo(1);
        assertThat(out.seeders).isEqualTo(1);
        assertThat(a.unflushedCompleted()).containsExactly(Map.entry(HASH, 1L));
        assertThat(b.unflushedCompleted()).isEmpty();
    }

    @Test
    void fansBytesCountOnTheMemberThatAnsweredAndAPeerThatFailsOverCountsOnlyItsGrowthSince() {
        long mib = 1 << 20;
        a.lengths(Map.of(HASH, 100 * mib));
        b.lengths(Map.of(HASH, 100 * mib));
        announce(a, FAN, 5, 0, Event.STARTED);
        announce(a, FAN, 0, 10 * mib, Event.COMPLETED);
        pass(a, b);
        assertThat(a.downloaded()).containsEntry(HASH, 10 * mib);
        assertThat(b.downloaded()).isEmpty();
        assertThat(b.downloadedTotal()).isZero();

        announce(b, FAN, 0, 15 * mib, Event.NONE); // a fell over: its next announce reaches b
        assertThat(b.downloaded()).containsEntry(HASH, 5 * mib);
        pass(b, a);
        assertThat(a.downloaded()).containsEntry(HASH, 10 * mib);
    }

    @Test
    void onlyNewsIsSentAndChangesAppliedFromTheOthersAreNotSentBack() {
        announce(a, FAN, 5, Event.STARTED);
        assertThat(pass(a, b)).isEqualTo(1);
        assertThat(pass(b, a)).isZero();
        for (int i = 0; i < 10; i++) { // a client re-announcing within minutes brings nothing new
            clock.addAndGet(10);
            announce(a, FAN, 5, Event.NONE);
        }
        assertThat(pass(a, b)).isZero();
        clock.addAndGet(ChangeLog.REFRESH_SECONDS); // one every refresh keeps the others' copy alive
        announce(a, FAN, 5, Event.NONE);
        assertThat(pass(a, b)).isEqualTo(1);
    }

    @Test
    void aFullShardLogDropsAndCountsWhatItCannotHold() {
        for (int port = 1; port <= ChangeLog.CAPACITY + 10; port++) {
            announce(a, Endpoint.ipv4(0x0A000000 + port, port), 5, Event.STARTED);
        }
        assertThat(pass(a, b)).isEqualTo(ChangeLog.CAPACITY);
        assertThat(a.unreplicatedChanges()).isEqualTo(10);
    }

    @Test
    void aPeerAnnouncingMoreOftenThanTheRefreshPeriodStaysListedOnTheOtherMember() {
        // a 20 s announce interval: peers time out after 100 s, well within the default refresh period
        SwarmStore fast = new SwarmStore(100, clock::get, SwarmCaps.DEFAULTS, SeedPeer.NONE, true);
        SwarmStore other = new SwarmStore(100, clock::get, SwarmCaps.DEFAULTS, SeedPeer.NONE, true);
        announce(fast, FAN, 5, Event.STARTED);
        pass(fast, other);
        int sent = 0;
        for (int second = 20; second <= 600; second += 20) {
            clock.addAndGet(20);
            announce(fast, FAN, 5, Event.NONE);
            sent += pass(fast, other);
            other.sweep();
            assertThat(other.leechers()).as("listed on the other member %d s in", second).isEqualTo(1);
        }
        assertThat(sent).as("refreshed, but not on every announce").isBetween(1, 29);
    }

    @Test
    void aStandaloneStoreLogsNothing() {
        SwarmStore standalone = new SwarmStore(3600, clock::get);
        announce(standalone, FAN, 5, Event.STARTED);
        assertThat(standalone.maxChangeBytes()).isZero();
        ByteBuffer batch = ByteBuffer.allocate(64);
        standalone.drainChanges(batch);
        assertThat(batch.position()).isZero();
    }
}
