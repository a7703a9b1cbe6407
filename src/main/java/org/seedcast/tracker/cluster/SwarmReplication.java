package org.seedcast.tracker.cluster;

import com.hazelcast.topic.ITopic;
import com.hazelcast.topic.Message;
import com.hazelcast.topic.MessageListener;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.seedcast.tracker.swarm.SwarmStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Passes peer changes between the members: every {@value #BATCH_MILLIS} ms a thread of its own
 * drains the changes this member's announces logged ({@link SwarmStore#drainChanges}) and publishes
 * them as one message on a Hazelcast topic; each other member applies them to its own swarms on
 * Hazelcast's event thread. The announce path only writes a change into its shard's log, under the
 * lock it already holds: no network, no allocation, no blocking on an event loop.
 * <p>
 * A plain (not reliable) topic: Hazelcast sends each message to every member directly and in the
 * order one member published them, which is all a peer's join-then-leave needs. A message lost to
 * a member that was down costs a peer's presence there until its next announce (that member's
 * copies are refreshed every few minutes at most, {@code ChangeLog}).
 */
final class SwarmReplication implements MessageListener<byte[]> {

    /** Changes travel at most this late, far inside the 2 s a peer may take to reach every member. */
    static final int BATCH_MILLIS = 50;
    private static final Logger log = LoggerFactory.getLogger(SwarmReplication.class);

    private final ITopic<byte[]> topic;
    private final SwarmStore swarms;
    private final ByteBuffer batch;
    private final ScheduledExecutorService sender = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "seedcast-tracker-cluster");
        t.setDaemon(true);
        return t;
    });
    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private UUID listener;
    private boolean failing;

    SwarmReplication(ITopic<byte[]> topic, SwarmStore swarms) {
        this.topic = topic;
        this.swarms = swarms;
        this.batch = ByteBuffer.allocate(swarms.maxChangeBytes());
    }

    void start() {
        listener = topic.addMessageListener(this);
        sender.scheduleWithFixedDelay(this::send, BATCH_MILLIS, BATCH_MILLIS, TimeUnit.MILLISECONDS);
    }

    void stop() {
        sender.shutdown();
        try {
            sender.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        send();
        topic.removeMessageListener(listener);
    }

    /** One batch: what the announces logged since the last one, as one message. */
    private synchronized void send() {
        try {
            batch.clear();
            swarms.drainChanges(batch);
            if (batch.position() == 0) {
                return;
            }
            topic.publishAsync(Arrays.copyOf(batch.array(), batch.position()));
            sent.add(batch.position() / SwarmStore.CHANGE_BYTES);
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

    @Override
    public void onMessage(Message<byte[]> message) {
        if (message.getPublishingMember() != null && message.getPublishingMember().localMember()) {
            return;
        }
        received.add(swarms.applyChanges(ByteBuffer.wrap(message.getMessageObject())));
    }

    ReplicationCounts counts() {
        return new ReplicationCounts(sent.sum(), received.sum(), swarms.unreplicatedChanges());
    }
}
