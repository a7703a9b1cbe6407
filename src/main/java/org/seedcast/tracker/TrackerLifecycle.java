package org.seedcast.tracker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.seedcast.database.Notifications;
import org.seedcast.publishing.TorrentPublished;
import org.seedcast.tracker.cluster.TrackerCluster;
import org.seedcast.tracker.engine.Housekeeper;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.RateLimiter;
import org.seedcast.tracker.netty.TrackerServer;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.store.TrackerStore;
import org.seedcast.tracker.swarm.SwarmStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the tracker with the application: loads what is trackable, blocked and banned, then binds
 * the listeners and starts the housekeeper; stops them in reverse order, with a last flush.
 * <p>
 * A database that is down at start leaves the tracker running with what it has, and the load is
 * retried every few seconds until it succeeds: until then every published torrent would be
 * refused as foreign, for the 2-hour refusal interval. Afterwards the access list is compared
 * with the published torrents every {@code reconcile-interval}, which heals a publish or withdraw
 * event that was missed (the events apply after the publisher's commit, so a failure between
 * commit and event would otherwise last until restart).
 * <p>
 * Every node keeps the access list, blocks and bans, also one that does not listen (a node without
 * the tracker role): its seed refuses banned addresses and its admin pages show them. Changes made
 * on another node arrive as events relayed by publishing and as {@link #reloadGuard()} calls.
 */
class TrackerLifecycle implements SmartLifecycle, Notifications.Subscriber {

    private static final Logger log = LoggerFactory.getLogger(TrackerLifecycle.class);
    /** Until the first complete load: short, as published torrents are refused meanwhile. */
    static final Duration RETRY = Duration.ofSeconds(5);

    private final TrackerProperties properties;
    private final boolean listens;
    private final int port;
    private final TrackerServer server;
    private final Housekeeper housekeeper;
    private final TrackerStore store;
    private final Supplier<List<TorrentPublished>> publishedTorrents;
    private final AccessList access;
    private final Bans bans;
    private final SwarmStore swarms;
    private final TrackerCluster cluster;
    private final RateLimiter limiter;
    private volatile boolean running;
    private ScheduledExecutorService reconciler;
    private boolean storeLoaded;
    private boolean trackableLoaded;
    private boolean failing;
    /** Tracked hashes that were not published at the last round: withdrawn once seen twice. */
    private Set<HashKey> unpublishedLastRound = Set.of();

    /** @param listens whether this node runs the tracker role, binding the listeners */
    TrackerLifecycle(TrackerProperties properties, boolean listens, int port, TrackerServer server,
                     Housekeeper housekeeper, TrackerStore store, Supplier<List<TorrentPublished>> published,
                     AccessList access, Bans bans, SwarmStore swarms, TrackerCluster cluster, RateLimiter limiter) {
        this.properties = properties;
        this.listens = listens;
        this.port = port;
        this.server = server;
        this.housekeeper = housekeeper;
        this.store = store;
        this.publishedTorrents = published;
        this.access = access;
        this.bans = bans;
        this.swarms = swarms;
        this.cluster = cluster;
        this.limiter = limiter;
    }

    @Override
    public void start() {
        boolean loaded = reconcile();
        cluster.replicate(swarms, limiter);
        try {
            if (listens) {
                server.start();
            } else {
                log.info("this node does not run the tracker role: its listeners stay closed");
            }
        } catch (RuntimeException e) {
            // The web application, its feeds and downloads stay up: the tracker is one of its services.
            log.error("the tracker could not listen on port {} and is NOT running: {}", port, e.toString());
        }
        housekeeper.start(Duration.ofMinutes(1), properties.flushInterval());
        reconciler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seedcast-tracker-reconcile");
            t.setDaemon(true);
            return t;
        });
        scheduleNext(loaded);
        running = true;
    }

    private void scheduleNext(boolean loaded) {
        ScheduledExecutorService executor = reconciler;
        if (executor == null || executor.isShutdown()) {
            return;
        }
        Duration delay = loaded ? properties.reconcileInterval() : RETRY;
        executor.schedule(() -> scheduleNext(safeReconcile()), delay.toMillis(), TimeUnit.MILLISECONDS);
    }

    private boolean safeReconcile() {
        try {
            return reconcile();
        } catch (RuntimeException e) {
            log.warn("tracker reconcile failed", e);
            return false;
        }
    }

    /**
     * One round: the store's state (completed counts, blocks, bans) until it has loaded once, and the
     * access list against the published torrents.
     *
     * @return whether both are loaded
     */
    synchronized boolean reconcile() {
        if (!storeLoaded) {
            storeLoaded = loadStore();
        }
        boolean ok = reconcileTrackable() && storeLoaded;
        if (ok && failing) {
            log.info("tracker state loaded from the database");
        }
        failing = !ok;
        return ok;
    }

    /**
     * Blocks and bans as the database holds them now, replacing those in memory: another node (or
     * this one) changed them. This node's own changes are written first; while one cannot be, memory
     * is ahead of the database and is kept. A failure leaves them as they are; the next change or
     * reconnection loads them again.
     */
    synchronized void reloadGuard() {
        try {
            housekeeper.reload(() -> {
                List<HashKey> blocked = store.loadBlocks().stream().map(TrackerStore.Block::infoHash).toList();
                List<Bans.Ban> current = store.loadBans();
                access.replaceBlocked(blocked);
                bans.replace(current);
            });
        } catch (RuntimeException e) {
            log.warn("could not reload blocks and bans after another node changed them: {}", e.toString());
        }
    }

    /** A node (maybe this one) changed blocks or bans: {@code JdbcTrackerStore} tells on commit. */
    @Override
    public void received(String payload, boolean ownNode) {
        reloadGuard();
    }

    /** Changes made while this node could not hear them: blocks, bans and what is published. */
    @Override
    public void missed() {
        reloadGuard();
        safeReconcile();
    }

    private boolean loadStore() {
        try {
            Map<HashKey, Long> completed = store.loadCompletedCounts();
            completed.forEach(swarms::restoreCompleted);
            store.loadBlocks().forEach(b -> access.block(b.infoHash()));
            store.loadBans().forEach(bans::ban);
            return true;
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("tracker store unavailable; completed counts, blocks and bans not restored yet,"
                        + " retrying every {} s: {}", RETRY.toSeconds(), e.toString());
            }
            return false;
        }
    }

    private boolean reconcileTrackable() {
        Set<HashKey> published = new HashSet<>();
        try {
            Map<HashKey, Long> lengths = new HashMap<>();
            for (TorrentPublished torrent : publishedTorrents.get()) {
                lengths.put(HashKey.of(torrent.v1()), torrent.length());
                if (torrent.v2Truncated() != null) {
                    lengths.put(HashKey.of(torrent.v2Truncated()), torrent.length());
                }
            }
            swarms.lengths(lengths);
            published.addAll(lengths.keySet());
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("could not read the published torrents, so they are refused as foreign until they are;"
                        + " retrying every {} s: {}", RETRY.toSeconds(), e.toString());
            }
            return false;
        }
        Set<HashKey> current = access.trackable();
        List<HashKey> missing = published.stream().filter(h -> !current.contains(h)).toList();
        if (!missing.isEmpty()) {
            access.allow(missing);
            if (trackableLoaded) {
                log.warn("{} published info-hashes were not tracked (a missed publish event): now they are", missing.size());
            }
        }
        // an unpublished hash may be a publication whose transaction has not committed yet: only a
        // hash unpublished at two rounds in a row is a missed withdrawal
        Set<HashKey> unpublished = new HashSet<>();
        List<HashKey> withdrawn = new ArrayList<>();
        for (HashKey h : current) {
            if (!published.contains(h)) {
                (unpublishedLastRound.contains(h) ? withdrawn : unpublished).add(h);
            }
        }
        if (!withdrawn.isEmpty()) {
            access.disallow(withdrawn);
            log.warn("{} tracked info-hashes are no longer published (a missed withdraw event): no longer tracked",
                    withdrawn.size());
        }
        unpublishedLastRound = unpublished;
        if (!trackableLoaded) {
            log.info("tracker serves {} info-hashes", access.trackable().size());
            trackableLoaded = true;
        }
        return true;
    }

    @Override
    public void stop() {
        running = false;
        ScheduledExecutorService executor = reconciler;
        reconciler = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        server.stop();
        cluster.stopReplication();
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
}
