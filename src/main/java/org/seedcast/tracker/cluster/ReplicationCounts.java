package org.seedcast.tracker.cluster;

/**
 * Peer changes this member sent to the others, received from them, and dropped unsent because a
 * shard logged more between two batches than it holds (those peers reach the others at their next
 * announce).
 */
public record ReplicationCounts(long sent, long received, long dropped) {
}
