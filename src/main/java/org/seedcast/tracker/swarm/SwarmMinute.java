package org.seedcast.tracker.swarm;

/**
 * One closed minute of one swarm.
 *
 * @param epochMinute minutes since 1970-01-01T00:00Z at which the minute was closed
 * @param announces   announces during the minute
 * @param completed   downloads completed during the minute
 */
public record SwarmMinute(int epochMinute, int seeders, int leechers, int announces, int completed) {
}
