package org.seedcast.seeder;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ChokerTests {

    /** A peer that remembers whether it is served. */
    static final class Peer implements Choker.Peer {
        final String name;
        final int pieces;
        boolean unchoked;
        int unchokes;

        Peer(String name, int pieces) {
            this.name = name;
            this.pieces = pieces;
        }

        @Override
        public int pieces() {
            return pieces;
        }

        @Override
        public void choke() {
            unchoked = false;
        }

        @Override
        public void unchoke() {
            unchoked = true;
            unchokes++;
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static List<Peer> peers(int n) {
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            peers.add(new Peer("p" + i, 0));
        }
        return peers;
    }

    static List<Peer> served(List<Peer> peers) {
        return peers.stream().filter(p -> p.unchoked).toList();
    }

    @Test
    void servesInterestedPeersAtOnceUpToTheSlotsPlusOneOptimistic() {
        Choker choker = new Choker(2, () -> false, new SplittableRandom(1));
        List<Peer> peers = peers(5);
        peers.forEach(choker::interested);

        assertThat(served(peers)).hasSize(3).contains(peers.get(0), peers.get(1));
        assertThat(choker.waiting()).isEqualTo(2);
    }

    @Test
    void aPeerThatLosesInterestGivesItsSlotToTheNextOneWaiting() {
        Choker choker = new Choker(1, () -> false, new SplittableRandom(1));
        List<Peer> peers = peers(4);
        peers.forEach(choker::interested);
        Peer optimistic = served(peers).stream().filter(p -> p != peers.get(0)).findFirst().orElseThrow();
        List<Peer> waiting = peers.stream().filter(p -> !p.unchoked).toList();

        choker.notInterested(peers.get(0));

        assertThat(peers.get(0).unchoked).isFalse();
        assertThat(served(peers)).containsExactlyInAnyOrder(optimistic, waiting.get(0));
    }

    @Test
    void rotationServesEveryInterestedPeerInTurn() {
        Choker choker = new Choker(2, () -> false, new SplittableRandom(1));
        List<Peer> peers = peers(7);
        peers.forEach(choker::interested);

        for (int round = 0; round < 6; round++) {
            choker.rotate(round % 2 == 1);
            assertThat(choker.served()).isEqualTo(3);
            assertThat(served(peers)).hasSize(3);
        }
        assertThat(peers).allSatisfy(p -> assertThat(p.unchokes).as(p.name).isPositive());
    }

    @Test
    void rotationLeavesPeersServedWhenNobodyWaits() {
        Choker choker = new Choker(4, () -> false, new SplittableRandom(1));
        List<Peer> peers = peers(3);
        peers.forEach(choker::interested);

        choker.rotate(true);

        assertThat(served(peers)).hasSize(3);
        assertThat(peers).allSatisfy(p -> assertThat(p.unchokes).isOne());
    }

    @Test
    void whileSpreadingThePeersWithFewestPiecesGoFirst() {
        AtomicBoolean spreading = new AtomicBoolean(true);
        Choker choker = new Choker(1, spreading::get, new SplittableRandom(1));
        Peer busy = new Peer("busy", 0);
        Peer many = new Peer("many", 90);
        Peer few = new Peer("few", 3);
        Peer some = new Peer("some", 40);
        choker.interested(busy);
        choker.interested(many); // the optimistic slot, drawn from the only one waiting
        choker.interested(few);
        choker.interested(some);

        choker.notInterested(busy);

        assertThat(few.unchoked).as("fewest pieces first").isTrue();
        assertThat(some.unchoked).isFalse();
    }
}
