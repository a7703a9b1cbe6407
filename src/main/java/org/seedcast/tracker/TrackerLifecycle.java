package org.seedcast.tracker;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.seedcast.torrent.InfoHash;
import org.seedcast.tracker.engine.Housekeeper;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.netty.TrackerServer;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.store.TrackerStore;
import org.seedcast.tracker.swarm.SwarmStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the tracker with the application: loads what is trackable, blocked and banned, then binds
 * the listeners and starts the housekeeper; stops them in reverse order, with a last flush. A
 * database that is down at start leaves the tracker running with what it has.
 */
class TrackerLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TrackerLifecycle.class);

    private final TrackerProperties properties;
    private final TrackerServer server;
    private final Housekeeper housekeeper;
    private final TrackerStore store;
    private final TrackableTorrents trackable;
    private final AccessList access;
    private final Bans bans;
    private final SwarmStore swarms;
    private volatile boolean running;

    TrackerLifecycle(TrackerProperties properties, TrackerServer server, Housekeeper housekeeper,
                     TrackerStore store, TrackableTorrents trackable, AccessList access, Bans bans,
                     SwarmStore swarms) {
        this.properties = properties;
        this.server = server;
        this.housekeeper = housekeeper;
        this.store = store;
        this.trackable = trackable;
        this.access = access;
        this.bans = bans;
        this.swarms = swarms;
    }

    @Override
    public void start() {
        load();
        try {
            server.start();
        } catch (RuntimeException e) {
            // The web application, its feeds and downloads stay up: the tracker is one of its services.
            log.error("the tracker could not listen on port {} and is NOT running: {}", properties.port(), e.toString());
        }
        housekeeper.start(Duration.ofMinutes(1), properties.flushInterval());
        running = true;
    }

    private void load() {
        try {
            List<HashKey> keys = trackable.all().stream().map(HashKey::of).toList();
            access.allow(keys);
            log.info("tracker serves {} info-hashes", access.trackable().size());
        } catch (RuntimeException e) {
            log.warn("could not load trackable torrents; they arrive with publish events", e);
        }
        try {
            Map<HashKey, Long> completed = store.loadCompletedCounts();
            completed.forEach(swarms::restoreCompleted);
            store.loadBlocks().forEach(b -> access.block(b.infoHash()));
            store.loadBans().forEach(bans::ban);
        } catch (RuntimeException e) {
            log.warn("tracker store unavailable at start; completed counts, blocks and bans not restored: {}",
                    e.toString());
        }
    }

    @Override
    public void stop() {
        running = false;
        server.stop();
        housekeeper.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return properties.enabled();
    }

    /** Empty when no module provides trackable torrents yet. */
    static TrackableTorrents none() {
        return List::<InfoHash>of;
    }
}
