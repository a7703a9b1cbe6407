package org.seedcast.seeder;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the seed with the application when {@code seedcast.seeder.enabled}: loads what to serve,
 * then listens; stops listening, closing every peer, with the application. A database that is down
 * at start leaves the seed listening with nothing to serve, and the load is retried every few
 * seconds until it succeeds; after it, what is served is compared with what is published every
 * minute ({@link Seeding#reconcile}), which heals a missed event.
 */
class SeedLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SeedLifecycle.class);
    static final Duration RETRY = Duration.ofSeconds(5);
    /** As often as the tracker compares its own list with the published torrents. */
    static final Duration RECONCILE = Duration.ofMinutes(1);

    private final boolean enabled;
    private final Seeding seeding;
    private final SeedServer server;
    private volatile boolean running;
    private ScheduledExecutorService timer;
    private volatile boolean loaded;
    /** Rounds of the timer, on its one thread. */
    private long ticks;

    SeedLifecycle(boolean enabled, Seeding seeding, SeedServer server) {
        this.enabled = enabled;
        this.seeding = seeding;
        this.server = server;
    }

    @Override
    public synchronized void start() {
        loaded = load();
        try {
            server.start();
        } catch (RuntimeException e) {
            // the web application, its web seed and the tracker stay up: the seed is one of its services
            log.error("the seed is NOT running: {}", e.getMessage());
        }
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "seedcast-seeder-reconcile");
            t.setDaemon(true);
            return t;
        });
        timer.scheduleWithFixedDelay(this::tick, RETRY.toMillis(), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        running = true;
    }

    private boolean load() {
        try {
            seeding.loadAll();
            return true;
        } catch (RuntimeException e) {
            log.warn("could not read the published torrents, so the seed serves none yet; retrying every {} s: {}",
                    RETRY.toSeconds(), e.toString());
            return false;
        }
    }

    /** Every few seconds until the first load succeeds, then a reconcile every {@link #RECONCILE}. */
    private void tick() {
        if (!loaded) {
            loaded = load();
            return;
        }
        if (++ticks % (RECONCILE.toMillis() / RETRY.toMillis()) == 0) {
            try {
                seeding.reconcile();
            } catch (RuntimeException e) {
                log.warn("seed reconcile failed: {}", e.toString());
            }
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (timer != null) {
            timer.shutdownNow();
            timer = null;
        }
        server.stop();
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public boolean isAutoStartup() {
        return enabled;
    }
}
