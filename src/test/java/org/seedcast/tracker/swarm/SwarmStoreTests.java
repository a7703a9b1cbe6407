package org.seedcast.tracker.swarm;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.protocol.AnnounceRequest;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.Event;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.protocol.SelectedPeers;

class SwarmStoreTests {

    private final AtomicInteger clock = new AtomicInteger(1000);
    private final SwarmStore store = new SwarmStore(3600, clock::get);
    private final SelectedPeers out = new SelectedPeers(200);
    private final SplittableRandom random = new SplittableRandom(1);

    static HashKey hash(int n) {
        return new HashKey(((long) n << 40) | n, n * 31L, n);
    }

    private void announce(HashKey h, Endpoint peer, long left, Event event, int numWant) {
        store.announce(new AnnounceRequest(h, 0, 0, 0, left, event, peer.port(), numWant, true, null),
                peer, numWant, true, true, out, random);
    }

    private static Endpoint v4(int n) {
        return Endpoint.ipv4(0x0A000000 + n, 6881);
    }

    @Test
    void peersAreKeyedByAddressAndPort() {
        announce(hash(1), v4(1), 5, Event.STARTED, 50);
        announce(hash(1), v4(1), 5, Event.NONE, 50);
        announce(hash(1), v4(1).withPort(6882), 0, Event.NONE, 50);
        assertThat(store.leechers()).isEqualTo(1);
        assertThat(store.seeders()).isEqualTo(1);
        assertThat(out.v4Count).isEqualTo(1); // the same host on its other port, not itself
    }

    @Test
    void aLeecherBecomingSeederMovesBetweenCounts() {
        announce(hash(1), v4(1), 5, Event.STARTED, 50);
        announce(hash(1), v4(1), 0, Event.COMPLETED, 50);
        assertThat(out.seeders).isEqualTo(1);
        assertThat(out.leechers).isZero();
        assertThat(out.completed).isEqualTo(1);
    }

    @Test
    void aDownloadIsCountedOnceOnlyWhenALeecherBecomesASeeder() {
        for (int i = 0; i < 150; i++) {
            announce(hash(1), v4(1), 1, Event.COMPLETED, 50); // bytes left: not finished
        }
        announce(hash(1), v4(2), 0, Event.COMPLETED, 50);     // never seen leeching
        assertThat(out.completed).isZero();

        announce(hash(1), v4(1), 0, Event.COMPLETED, 50);     // the leecher finishes
        announce(hash(1), v4(1), 0, Event.COMPLETED, 50);     // says it again
        announce(hash(1), v4(1), 0, Event.STOPPED, 50);       // stops, starts again, finishes again
        announce(hash(1), v4(1), 5, Event.STARTED, 50);
        announce(hash(1), v4(1), 0, Event.COMPLETED, 50);
        assertThat(out.completed).isEqualTo(1);
        assertThat(out.seeders).isEqualTo(2);
        assertThat(out.leechers).isZero();
    }

    @Test
    void oneAddressHoldsAtMostEightPortsOfASwarm() {
        for (int port = 1000; port < 11_000; port++) {
            announce(hash(1), v4(1).withPort(port), 5, Event.STARTED, 50);
        }
        announce(hash(1), v4(2), 5, Event.STARTED, 50);
        assertThat(out.leechers).isEqualTo(SwarmCaps.DEFAULTS.perAddress() + 1);
        assertThat(store.refusedPeers()).isEqualTo(10_000 - SwarmCaps.DEFAULTS.perAddress());
        assertThat(out.v4Count).as("the newcomer's answer").isEqualTo(SwarmCaps.DEFAULTS.perAddress());

        announce(hash(2), v4(1).withPort(1000), 5, Event.STARTED, 50);
        assertThat(out.leechers).as("another swarm").isEqualTo(1);
        Endpoint sixA = new Endpoint(true, 0x20010db800000001L, 1, 1);
        for (int host = 0; host < 20; host++) {
            announce(hash(3), new Endpoint(true, sixA.high(), host, 6881), 5, Event.STARTED, 50); // one /64
        }
        assertThat(out.leechers).as("an IPv6 /64").isEqualTo(SwarmCaps.DEFAULTS.perAddress());
    }

    @Test
    void aFullSwarmKeepsItsPeersAndStillAnswersNewcomers() {
        SwarmStore capped = new SwarmStore(3600, clock::get, new SwarmCaps(10, 8, 15));
        for (int i = 1; i <= 12; i++) {
            capped.announce(new AnnounceRequest(hash(1), 0, 0, 0, 5, Event.STARTED, 6881, 50, true, null),
                    v4(i), 50, true, true, out, random);
        }
        assertThat(out.leechers).isEqualTo(10);
        assertThat(out.v4Count).as("the twelfth, not listed, gets peers").isEqualTo(10);
        for (int i = 1; i <= 12; i++) {
            capped.announce(new AnnounceRequest(hash(2), 0, 0, 0, 5, Event.STARTED, 6881, 50, true, null),
                    v4(i), 50, true, true, out, random);
        }
        assertThat(out.leechers).as("all swarms together hold 15").isEqualTo(5);
        capped.announce(new AnnounceRequest(hash(1), 0, 0, 0, 5, Event.STOPPED, 6881, 50, true, null),
                v4(1), 50, true, true, out, random);
        capped.announce(new AnnounceRequest(hash(2), 0, 0, 0, 5, Event.STARTED, 6881, 50, true, null),
                v4(12), 50, true, true, out, random);
        assertThat(out.leechers).as("room again once one left").isEqualTo(6);
        assertThat(capped.refusedPeers()).isEqualTo(2 + 7);
    }

    @Test
    void selectionIsRandomWithoutDuplicatesAndNeverIncludesTheAsker() {
        for (int i = 1; i <= 1000; i++) {
            announce(hash(1), v4(i), 5, Event.STARTED, 0);
        }
        Set<Integer> seenAcrossAnswers = new HashSet<>();
        for (int round = 0; round < 20; round++) {
            announce(hash(1), v4(7), 5, Event.NONE, 50);
            Set<Integer> inAnswer = new HashSet<>();
            ByteBuffer b = ByteBuffer.wrap(out.v4, 0, out.v4Count * 6);
            while (b.hasRemaining()) {
                int address = b.getInt();
                b.getShort();
                assertThat(address).isNotEqualTo(0x0A000007);
                assertThat(inAnswer.add(address)).isTrue();
            }
            assertThat(inAnswer).hasSize(50);
            seenAcrossAnswers.addAll(inAnswer);
        }
        assertThat(seenAcrossAnswers.size()).isGreaterThan(500); // not always the same 50
    }

    @Test
    void ipv6PeersAreKeptApartAndAnsweredInEighteenBytes() {
        Endpoint six = new Endpoint(true, 0x20010db800000000L, 0x1L, 51413);
        announce(hash(1), six, 0, Event.STARTED, 50);
        announce(hash(1), v4(2), 5, Event.STARTED, 50);
        assertThat(out.v6Count).isEqualTo(1);
        assertThat(ByteBuffer.wrap(out.v6, 0, 18).getLong()).isEqualTo(0x20010db800000000L);
        assertThat(ByteBuffer.wrap(out.v6, 16, 2).getShort() & 0xFFFF).isEqualTo(51413);
    }

    @Test
    void stoppedRemovesAndSweepExpiresSilentPeersAndReclaimsEmptySwarms() {
        announce(hash(1), v4(1), 5, Event.STARTED, 50);
        announce(hash(1), v4(2), 5, Event.STARTED, 50);
        announce(hash(2), v4(3), 5, Event.STARTED, 50);
        announce(hash(1), v4(2), 5, Event.STOPPED, 50);
        assertThat(store.leechers()).isEqualTo(2);
        clock.addAndGet(1800);
        announce(hash(1), v4(1), 5, Event.NONE, 50); // heard again: survives
        clock.addAndGet(1801);
        assertThat(store.sweep()).isEqualTo(1);
        assertThat(store.swarms()).isEqualTo(1);
        assertThat(store.leechers()).isEqualTo(1);
    }

    @Test
    void swarmsWithDownloadsKeepTheirCountWhenEmpty() {
        announce(hash(1), v4(1), 5, Event.STARTED, 50);
        announce(hash(1), v4(1), 0, Event.COMPLETED, 50);
        clock.addAndGet(7200);
        store.sweep();
        long[] counts = new long[3];
        store.scrape(hash(1), counts, 0);
        assertThat(counts).containsExactly(0, 1, 0);
        assertThat(store.unflushedCompleted()).containsEntry(hash(1), 1L);
        store.markFlushed(store.unflushedCompleted());
        assertThat(store.unflushedCompleted()).isEmpty();
    }

    @Test
    void eachSwarmKeepsItsLastAnnounceAndItsLastHourMinuteByMinute() {
        announce(hash(1), v4(1), 5, Event.STARTED, 50);
        announce(hash(1), v4(2), 0, Event.STARTED, 50);
        clock.addAndGet(30);
        assertThat(store.snapshot()).singleElement().satisfies(s -> assertThat(s.secondsSinceAnnounce()).isEqualTo(30));

        store.sampleMinute(100);
        announce(hash(1), v4(1), 0, Event.COMPLETED, 50);
        store.sampleMinute(101);
        assertThat(store.history(hash(1))).containsExactly(
                new SwarmMinute(100, 1, 1, 2, 0),
                new SwarmMinute(101, 2, 0, 1, 1));

        for (int minute = 102; minute < 102 + SwarmStore.HISTORY_MINUTES; minute++) {
            store.sampleMinute(minute);
        }
        List<SwarmMinute> hour = store.history(hash(1));
        assertThat(hour).hasSize(SwarmStore.HISTORY_MINUTES);
        assertThat(hour.getFirst()).isEqualTo(new SwarmMinute(102, 2, 0, 0, 0));
        assertThat(hour.getLast().epochMinute()).isEqualTo(101 + SwarmStore.HISTORY_MINUTES);
        assertThat(store.history(hash(7))).isEmpty();
    }

    @Test
    void restoredDownloadsAreNotCountedAsTheFirstMinutesAndNeverAnnouncedIsMinusOne() {
        store.restoreCompleted(hash(3), 40);
        store.sampleMinute(500);
        assertThat(store.history(hash(3))).containsExactly(new SwarmMinute(500, 0, 0, 0, 0));
        assertThat(store.snapshot()).singleElement().satisfies(s -> assertThat(s.secondsSinceAnnounce()).isEqualTo(-1));
    }

    @Test
    void aSwarmHeardWithinTheHourKeepsItsHistoryAfterItsPeersExpire() {
        SwarmStore quick = new SwarmStore(60, clock::get);
        quick.announce(new AnnounceRequest(hash(4), 0, 0, 0, 5, Event.STARTED, 6881, 50, true, null),
                v4(1), 50, true, true, out, random);
        quick.sampleMinute(1);
        clock.addAndGet(120);
        assertThat(quick.sweep()).isEqualTo(1);
        assertThat(quick.history(hash(4))).hasSize(1);
        clock.addAndGet(3600);
        quick.sweep();
        assertThat(quick.swarms()).isZero();
    }

    @Test
    void manyInsertsAndRemovalsKeepTheTableConsistent() {
        Set<Integer> live = new HashSet<>();
        SplittableRandom r = new SplittableRandom(42);
        for (int i = 0; i < 50_000; i++) {
            int p = r.nextInt(2000);
            if (r.nextBoolean()) {
                announce(hash(9), v4(p), 5, Event.NONE, 0);
                live.add(p);
            } else {
                announce(hash(9), v4(p), 5, Event.STOPPED, 0);
                live.remove(p);
            }
        }
        assertThat(store.leechers()).isEqualTo(live.size());
        announce(hash(9), v4(100_000), 5, Event.NONE, 5000);
        assertThat(out.v4Count).isEqualTo(Math.min(200, live.size()));
    }

    private long downloaded(HashKey h, Endpoint peer, long downloaded, Event event) {
        store.announce(new AnnounceRequest(h, 0, 0, downloaded, 5, event, peer.port(), 50, true, null),
                peer, 50, true, true, out, random);
        return store.downloaded().getOrDefault(h, 0L);
    }

    private static final long MIB = 1 << 20;

    @Test
    void fansDownloadedBytesAreTheGrowthOfEachPeersFigureFromItsStart() {
        store.lengths(java.util.Map.of(hash(1), 100 * MIB));
        assertThat(downloaded(hash(1), v4(1), 2 * MIB, Event.STARTED)).isEqualTo(2 * MIB); // a session seen from its start
        assertThat(downloaded(hash(1), v4(1), 5 * MIB, Event.NONE)).isEqualTo(5 * MIB);
        assertThat(downloaded(hash(1), v4(2), 1 * MIB, Event.STARTED)).isEqualTo(6 * MIB);
        assertThat(downloaded(hash(1), v4(1), 5 * MIB, Event.NONE)).isEqualTo(6 * MIB);    // no growth
        assertThat(downloaded(hash(1), v4(1), 9 * MIB, Event.STOPPED)).isEqualTo(10 * MIB); // the final figure counts
        assertThat(store.downloaded()).containsOnlyKeys(hash(1));
        assertThat(store.downloadedTotal()).isEqualTo(10 * MIB);
    }

    @Test
    void aPeerFirstSeenMidSessionOnlySetsItsBaseline() {
        store.lengths(java.util.Map.of(hash(1), 100 * MIB));
        // after a restart of the tracker, or an expiry: its figure may have been counted already
        assertThat(downloaded(hash(1), v4(1), 40 * MIB, Event.NONE)).isZero();
        assertThat(downloaded(hash(1), v4(1), 41 * MIB, Event.NONE)).isEqualTo(MIB);
    }

    @Test
    void aCounterThatGoesDownIsANewBaselineAndANewSessionCountsWhole() {
        store.lengths(java.util.Map.of(hash(1), 100 * MIB));
        downloaded(hash(1), v4(1), 10 * MIB, Event.STARTED);
        assertThat(downloaded(hash(1), v4(1), 3 * MIB, Event.NONE)).isEqualTo(10 * MIB);  // reset: nothing yet
        assertThat(downloaded(hash(1), v4(1), 4 * MIB, Event.NONE)).isEqualTo(11 * MIB);
        downloaded(hash(1), v4(1), 4 * MIB, Event.STOPPED);
        assertThat(downloaded(hash(1), v4(1), 2 * MIB, Event.STARTED)).isEqualTo(13 * MIB); // a new session
    }

    @Test
    void oneLiarCountsAtMostTwiceTheTorrentsLengthPerSession() {
        store.lengths(java.util.Map.of(hash(1), 10 * MIB));
        downloaded(hash(1), v4(1), 0, Event.STARTED);
        assertThat(downloaded(hash(1), v4(1), Long.MAX_VALUE, Event.NONE)).isEqualTo(20 * MIB);
        assertThat(downloaded(hash(1), v4(1), 1L << 50, Event.NONE)).isEqualTo(20 * MIB);
        assertThat(downloaded(hash(1), v4(1), -1, Event.NONE)).isEqualTo(20 * MIB);        // nonsense: a baseline of 0
        assertThat(downloaded(hash(1), v4(1), 1L << 50, Event.NONE)).isEqualTo(40 * MIB);  // capped again
    }

    @Test
    void nothingCountsWhileTheTorrentsLengthIsUnknownAndGrowthCountsOnceItIsKnown() {
        assertThat(downloaded(hash(1), v4(1), 5 * MIB, Event.STARTED)).isZero();
        store.lengths(java.util.Map.of(hash(1), 100 * MIB));
        assertThat(downloaded(hash(1), v4(1), 7 * MIB, Event.NONE)).isEqualTo(2 * MIB); // from the baseline kept
    }

    @Test
    void aSwarmWithDownloadedBytesOutlivesItsPeersUntilItsTorrentIsWithdrawn() {
        store.lengths(java.util.Map.of(hash(1), 100 * MIB));
        downloaded(hash(1), v4(1), 3 * MIB, Event.STARTED);
        clock.addAndGet(3 * 3600);
        store.sweep();
        assertThat(store.downloaded()).containsEntry(hash(1), 3 * MIB);
        store.remove(hash(1));
        assertThat(store.downloaded()).isEmpty();
        assertThat(store.downloadedTotal()).isEqualTo(3 * MIB); // the metric's total only grows
        assertThat(downloaded(hash(1), v4(1), 3 * MIB, Event.STARTED)).isZero(); // its length went with it
    }

    @Test
    void downloadedFiguresFollowTheirPeersThroughGrowthAndDeletionsOfTheTable() {
        store.lengths(java.util.Map.of(hash(1), 1000 * MIB));
        for (int i = 1; i <= 300; i++) {
            downloaded(hash(1), v4(i), i * 1024L, Event.STARTED);
        }
        for (int i = 1; i <= 300; i += 2) {
            downloaded(hash(1), v4(i), i * 1024L, Event.STOPPED); // removals shift the others back
        }
        long before = store.downloaded().get(hash(1));
        for (int i = 2; i <= 300; i += 2) {
            downloaded(hash(1), v4(i), i * 1024L + 1024, Event.NONE);
        }
        assertThat(store.downloaded().get(hash(1)) - before).isEqualTo(150 * 1024L); // 1 KiB each, none lost or doubled
    }

    /**
     * The memory target: at most 64 bytes of heap per peer with 1,000,000 peers over 10,000
     * swarms, by the store's own estimate of its tables (the heap a JVM reports depends on its collector and on what
     * else it holds: bench/flood.sh measures that).
     */
    @Test
    void aMillionPeersOverTenThousandSwarmsTakeAtMost64BytesEach() {
        SwarmStore big = new SwarmStore(3600, clock::get);
        SelectedPeers none = new SelectedPeers(1);
        for (int s = 0; s < 10_000; s++) {
            HashKey h = hash(s);
            for (int p = 0; p < 100; p++) {
                Endpoint e = Endpoint.ipv4(0x0A000000 + s * 100 + p, 6881);
                big.announce(new AnnounceRequest(h, 0, 0, 0, p % 3, Event.STARTED, 6881, 0, true, null),
                        e, 0, true, true, none, random);
            }
        }
        assertThat(big.seeders() + big.leechers()).isEqualTo(1_000_000);
        assertThat(big.estimatedHeapBytes() / 1_000_000.0).isLessThan(64);
    }
}
