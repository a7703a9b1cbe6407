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
 * seconds until it succeeds.
 */
class SeedLifecycle implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(SeedLifecycle.class);
    static final Duration RETRY = Duration.ofSeconds(5);

    private final boolean enabled;
    private final Seeding seeding;
    private final SeedServer server;
    private volatile boolean running;
    private ScheduledExecutorService retries;

    SeedLifecycle(boolean enabled, Seeding seeding, SeedServer server) {
        this.enabled = enabled;
        this.seeding = seeding;
        this.server = server;
    }

    @Override
    public synchronized void start() {
        boolean loaded = load();
        try {
            server.start();
        } catch (RuntimeException e) {
            // the web application, its web seed and the tracker stay up: the seed is one of its services
            log.error("the seed is NOT running: {}", e.getMessage());
        }
        if (!loaded) {
            retries = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "seedcast-seeder-load");
                t.setDaemon(true);
                return t;
            });
            retries.scheduleWithFixedDelay(this::retry, RETRY.toMillis(), RETRY.toMillis(), TimeUnit.MILLISECONDS);
        }
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

    private void retry() {
        if (load()) {
            retries.shutdown();
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        if (retries != null) {
            retries.shutdownNow();
            retries = null;
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
