package org.seedcast.tracker.swarm;

import org.seedcast.tracker.protocol.HashKey;

/** One swarm's counts at a moment, for the dashboard and for scrapes. */
public record SwarmSnapshot(HashKey infoHash, int seeders, int leechers, long completed,
                            int announcesPerMinute) {
}
