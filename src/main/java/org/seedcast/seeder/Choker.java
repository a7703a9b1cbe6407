package org.seedcast.seeder;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.random.RandomGenerator;

/**
 * Which interested peers of one torrent the seed serves: up to {@code slots} at once, rotated round
 * robin (libtorrent's {@code seed_choking_algorithm = round_robin}), plus one optimistic slot given
 * to a peer drawn at random. A peer that becomes interested is served at once when a slot is free.
 * While {@code spreading} says so (a new episode's first hours), the waiting peer with the fewest
 * pieces goes first instead of the one that has waited longest, so that the pieces the seed sends
 * are the ones the swarm lacks and fans can share them sooner.
 * <p>
 * Peers live on several event loops: the choker is called from any of them and from the rotation
 * timer, under its lock, and tells each peer to choke or unchoke on its own loop.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html#peer-messages">BEP 3, choking</a>
 */
final class Choker {

    /** What the choker needs of a peer. */
    interface Peer {
        /** Pieces the peer has said it has. */
        int pieces();

        void choke();

        void unchoke();
    }

    private final int slots;
    private final BooleanSupplier spreading;
    private final RandomGenerator random;
    /** Served peers, longest served first. */
    private final List<Peer> unchoked = new ArrayList<>();
    /** Interested peers not served, longest waiting first. */
    private final ArrayDeque<Peer> waiting = new ArrayDeque<>();
    private Peer optimistic;

    Choker(int slots, BooleanSupplier spreading, RandomGenerator random) {
        this.slots = slots;
        this.spreading = spreading;
        this.random = random;
    }

    synchronized void interested(Peer peer) {
        if (unchoked.contains(peer) || peer == optimistic || waiting.contains(peer)) {
            return;
        }
        waiting.add(peer);
        refill();
    }

    /** The peer is no longer interested, or gone: its slot goes to the next one. */
    synchronized void notInterested(Peer peer) {
        if (unchoked.remove(peer) || peer == optimistic) {
            if (peer == optimistic) {
                optimistic = null;
            }
            peer.choke();
        }
        waiting.remove(peer);
        refill();
    }

    /**
     * One round: as many of the longest-served peers as there are peers waiting (up to all the
     * slots) are choked and the same number of waiting ones served; on an optimistic round, the
     * optimistic slot goes to another peer drawn at random.
     */
    synchronized void rotate(boolean optimisticRound) {
        int turns = Math.min(waiting.size(), unchoked.size());
        List<Peer> out = new ArrayList<>(unchoked.subList(0, turns));
        unchoked.subList(0, turns).clear();
        refill();
        for (Peer peer : out) {
            peer.choke();
            waiting.add(peer);
        }
        if (optimisticRound && optimistic != null && !waiting.isEmpty()) {
            Peer previous = optimistic;
            optimistic = null;
            refill();
            previous.choke();
            waiting.add(previous);
        }
        refill();
    }

    private void refill() {
        while (unchoked.size() < slots && !waiting.isEmpty()) {
            Peer next = next();
            unchoked.add(next);
            next.unchoke();
        }
        if (optimistic == null && !waiting.isEmpty()) {
            optimistic = drawn();
            optimistic.unchoke();
        }
    }

    private Peer next() {
        if (!spreading.getAsBoolean()) {
            return waiting.poll();
        }
        Peer fewest = waiting.stream().min(Comparator.comparingInt(Peer::pieces)).orElseThrow();
        waiting.remove(fewest);
        return fewest;
    }

    private Peer drawn() {
        int skip = random.nextInt(waiting.size());
        Peer chosen = waiting.stream().skip(skip).findFirst().orElseThrow();
        waiting.remove(chosen);
        return chosen;
    }

    synchronized int served() {
        return unchoked.size() + (optimistic == null ? 0 : 1);
    }

    synchronized int waiting() {
        return waiting.size();
    }
}
