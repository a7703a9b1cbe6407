package org.seedcast.tracker.training;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.Tracker;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.swarm.SwarmStore;
import org.springframework.stereotype.Component;

/**
 * The tracker's entry point for the AOT training run ({@code seedcast train}, a throwaway
 * application): runs {@link TrackerTraining} against this application's own listeners on loopback,
 * with a random info-hash served for the duration and forgotten after it. It adds traffic and a
 * swarm, so nothing but the training run calls it.
 */
@Component
public class TrackerTrainer {

    private final Tracker tracker;
    private final AccessList access;
    private final SwarmStore swarms;

    TrackerTrainer(Tracker tracker, AccessList access, SwarmStore swarms) {
        this.tracker = tracker;
        this.access = access;
        this.swarms = swarms;
    }

    /** See {@link TrackerTraining#run} for the workload and its arguments. */
    public TrackerTraining.Result train(int peers, int rounds, int blast) throws InterruptedException {
        byte[] hash = new byte[20];
        new SecureRandom().nextBytes(hash);
        HashKey key = HashKey.of(InfoHash.of(hash));
        access.allow(List.of(key));
        try {
            return TrackerTraining.run(InetAddress.getLoopbackAddress(), tracker.port(), hash, peers, rounds, blast);
        } finally {
            access.disallow(List.of(key));
            swarms.remove(key);
        }
    }
}
