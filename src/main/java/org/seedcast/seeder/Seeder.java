package org.seedcast.seeder;

import org.seedcast.torrent.InfoHash;

/**
 * The seeder module's API: whether the publisher's own seed runs, on which port, and which
 * torrents it serves.
 */
public class Seeder {

    private final SeedServer server;
    private final SeedRegistry registry;

    Seeder(SeedServer server, SeedRegistry registry) {
        this.server = server;
        this.registry = registry;
    }

    public boolean running() {
        return server.running();
    }

    /** The port the seed listens on (the bound one when configured as 0), or -1 when it does not run. */
    public int port() {
        return server.port();
    }

    /** Whether the seed serves this hash (a published torrent's v1 or truncated v2 hash). */
    public boolean serves(InfoHash infoHash) {
        return registry.find(infoHash) != null;
    }
}
