package org.seedcast.tracker.cluster;

import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.seedcast.tracker.guard.RateLimiter;
import org.seedcast.tracker.swarm.SwarmStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes peer changes and heavy spenders' requests between the members: every {@value #BATCH_MILLIS}
 * ms a thread of its own drains the changes this member's announces logged
 * ({@link SwarmStore#drainChanges}) and the addresses its rate limiter listed
 * ({@link RateLimiter#drainSpending}), and publishes each as one message on a Hazelcast topic; each
 * other member applies them to its own swarms and buckets on Hazelcast's event thread. The announce path only writes a change into its shard's log, under the
 * lock it already holds: no network, no allocation, no blocking on an event loop.
 * <p>
 * A plain (not reliable) topic: Hazelcast sends each message to every member directly and in the
 * order one member published them, which is all a peer's join-then-leave needs. A message lost to
 * a member that was down costs a peer's presence there until its next announce (that member's
 * copies are refreshed every few minutes at most, {@code ChangeLog}).
 */
final class Replication {

    /** Changes travel at most this late, far inside the 2 s a peer may take to reach every member. */
    static final int BATCH_MILLIS = 50;
    private static final Logger log = LoggerFactory.getLogger(Replication.class);

    private final ITopic<byte[]> peers;
    private final ITopic<byte[]> spending;
    private final SwarmStore swarms;
    private final RateLimiter limiter;
    private final ByteBuffer changes;
    private final ByteBuffer spent;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "seedcast-tracker-cluster");
        t.setDaemon(true);
        return t;
    });
    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    /**
     * Set by {@link #stop}: the listeners then ignore what arrives. They are not deregistered, which
     * is a call to every member and would wait on one that has just left; the member's shutdown
     * drops them.
     */
    private volatile boolean stopped;
    private boolean failing;

    Replication(ITopic<byte[]> peers, ITopic<byte[]> spending, SwarmStore swarms, RateLimiter limiter) {
        this.peers = peers;
        this.spending = spending;
        this.swarms = swarms;
        this.limiter = limiter;
        this.changes = ByteBuffer.allocate(swarms.maxChangeBytes());
        this.spent = ByteBuffer.allocate(limiter.maxSpendingBytes());
    }

    void start() {
        peers.addMessageListener(fromOthers(batch -> received.add(swarms.applyChanges(batch))));
        spending.addMessageListener(fromOthers(limiter::chargeAll));
        sender.scheduleWithFixedDelay(this::send, BATCH_MILLIS, BATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        stopped = true;
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send();
    }

    /** One batch of each: what the announces and the limiter logged since the last one. */
    private synchronized void send() {
        try {
            changes.clear();
            swarms.drainChanges(changes);
            publish(peers, changes);
            sent.add(changes.position() / SwarmStore.CHANGE_BYTES);
            spent.clear();
            limiter.drainSpending(spent);
            publish(spending, spent);
            if (failing) {
                log.info("tracker cluster: peer changes are sent again");
                failing = false;
            }
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("tracker cluster: peer changes could not be sent, dropped until it recovers: {}", e.toString());
                failing = true;
            }
        }
    }

    private static void publish(ITopic<byte[]> topic, ByteBuffer batch) {
        if (batch.position() > 0) {
            topic.publishAsync(Arrays.copyOf(batch.array(), batch.position()));
        }
    }

    /**
     * A listener that hands the other members' messages to {@code apply}, and ignores this member's
     * own and, once stopped, all.
     */
    private MessageListener<byte[]> fromOthers(Consumer<ByteBuffer> apply) {
        return (Message<byte[]> message) -> {
            if (!stopped && (message.getPublishingMember() == null || !message.getPublishingMember().localMember())) {
                apply.accept(ByteBuffer.wrap(message.getMessageObject()));
            }
        };
    }

    ReplicationCounts counts() {
        return new ReplicationCounts(sent.sum(), received.sum(), swarms.unreplicatedChanges());
    }
}
