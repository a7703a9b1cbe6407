package org.seedcast.tracker;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.cluster.TrackerCluster;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.Cidr;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.store.TrackerStore;
import org.seedcast.tracker.swarm.SwarmStore;

/** Loading the tracker's state from a database that may be down or hold what events missed. */
class TrackerLifecycleTests {

    private final AtomicBoolean databaseUp = new AtomicBoolean(false);
    private final List<InfoHash> published = new ArrayList<>();
    private final AccessList access = new AccessList();
    private final Bans bans = new Bans();
    private final SwarmStore swarms = new SwarmStore(3600, () -> 1);
    private final Bans.Ban ban = new Bans.Ban(Cidr.parse("203.0.113.0/24"), "flood", Instant.EPOCH);

    private final TrackerStore store = new TrackerStore() {
        @Override
        public Map<HashKey, Long> loadCompletedCounts() {
            requireUp();
            return Map.of(key(1), 40L);
        }

        @Override
        public List<Bans.Ban> loadBans() {
            requireUp();
            return List.of(ban);
        }
    };

    private final TrackerLifecycle lifecycle = new TrackerLifecycle(null, true, 6969, null, null, store, () -> {
        requireUp();
        return published.stream().map(hash -> new TorrentPublished(1, hash, null, 1000L)).toList();
    }, access, bans, swarms, TrackerCluster.STANDALONE, null);

    private void requireUp() {
        if (!databaseUp.get()) {
            throw new IllegalStateException("connection refused");
        }
    }

    private static InfoHash hash(int n) {
        byte[] b = new byte[20];
        b[19] = (byte) n;
        return InfoHash.of(b);
    }

    private static HashKey key(int n) {
        return HashKey.of(hash(n));
    }

    @Test
    void aDatabaseDownAtStartIsLoadedFromOnceItIsBack() {
        published.addAll(List.of(hash(1), hash(2)));
        assertThat(lifecycle.reconcile()).as("loaded").isFalse();
        assertThat(access.trackable()).isEmpty();

        databaseUp.set(true);
        assertThat(lifecycle.reconcile()).as("loaded").isTrue();

        assertThat(access.trackable()).containsExactlyInAnyOrder(key(1), key(2));
        assertThat(bans.banned(org.seedcast.tracker.protocol.Endpoint.ipv4(0xCB007107, 1))).isTrue();
        long[] counts = new long[3];
        swarms.scrape(key(1), counts, 0);
        assertThat(counts[1]).as("completed").isEqualTo(40);
    }

    @Test
    void missedPublishAndWithdrawEventsAreHealed() {
        databaseUp.set(true);
        published.addAll(List.of(hash(1), hash(2)));
        lifecycle.reconcile();

        published.remove(hash(2)); // withdrawn, and its event missed
        published.add(hash(3));    // published, and its event missed
        lifecycle.reconcile();
        assertThat(access.tracked(key(3))).as("the new one at once").isTrue();
        assertThat(access.tracked(key(2))).as("the withdrawn one, maybe a publication not yet committed").isTrue();

        lifecycle.reconcile();
        assertThat(access.trackable()).containsExactlyInAnyOrder(key(1), key(3));
    }

    @Test
    void aHashTrackedBetweenTwoRoundsIsKept() {
        databaseUp.set(true);
        published.add(hash(1));
        lifecycle.reconcile();
        access.allow(List.of(key(4))); // its publish event, before the transaction commits
        lifecycle.reconcile();
        published.add(hash(4));        // committed
        lifecycle.reconcile();
        lifecycle.reconcile();
        assertThat(access.trackable()).containsExactlyInAnyOrder(key(1), key(4));
    }
}
