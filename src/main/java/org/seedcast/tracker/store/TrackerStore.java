package org.seedcast.tracker.store;

import java.util.List;
import java.util.Map;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.Cidr;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.unknown.Sighting;

/**
 * The tracker's persistence, called only by the background housekeeper: any method may throw
 * while the database is down; the caller keeps its batch and retries later.
 */
public interface TrackerStore {

    /** A store that keeps nothing, for a tracker without a database. */
    TrackerStore NONE = new TrackerStore() {
    };

    /** A foreign info-hash an admin blocked. */
    record Block(HashKey infoHash, String reason) {
    }

    default Map<HashKey, Long> loadCompletedCounts() {
        return Map.of();
    }

    default List<Block> loadBlocks() {
        return List.of();
    }

    default List<Bans.Ban> loadBans() {
        return List.of();
    }

    /**
     * Adds downloads completed by info-hash to the stored counts: each tracker node adds those of
     * the announces it answered, so a cluster's nodes store each completion once.
     */
    default void saveCompletedCounts(Map<HashKey, Long> completed) {
    }

    /**
     * The foreign hashes every node flushed, most announced first, at most {@code limit}: the
     * cluster's table, as of each node's last flush ({@code newAnnounces} 0). Empty without a database.
     */
    default List<Sighting> loadUnknownTorrents(int limit) {
        return List.of();
    }

    /** Upserts sightings, adding their {@code newAnnounces}. */
    default void saveUnknownTorrents(List<Sighting> batch) {
    }

    default void saveBlock(Block block) {
    }

    default void deleteBlock(HashKey infoHash) {
    }

    default void saveBan(Bans.Ban ban) {
    }

    default void deleteBan(Cidr cidr) {
    }
}
