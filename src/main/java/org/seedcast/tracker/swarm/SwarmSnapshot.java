package org.seedcast.tracker.swarm;

import org.seedcast.tracker.protocol.HashKey;

/**
 * One swarm's counts at a moment, for the dashboard and for scrapes.
 *
 * @param secondsSinceAnnounce seconds since its last announce; -1 if none since the tracker started
 */
public record SwarmSnapshot(HashKey infoHash, int seeders, int leechers, long completed,
                            int announcesPerMinute, int secondsSinceAnnounce) {
}
