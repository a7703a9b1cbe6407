/**
 * The tracker cluster: embedded Hazelcast members that share the UDP connection-id key and pass each
 * member's peer changes to the others in batches, so that every member answers from its own
 * in-memory replica of all swarms. Nothing here runs on an event loop.
 */
package org.seedcast.tracker.cluster;
