/**
 * The in-memory swarms: peers keyed by address and port in primitive open-addressing tables,
 * sharded by info-hash with a lock per shard, swept for expiry off the request path.
 */
package org.seedcast.tracker.swarm;
