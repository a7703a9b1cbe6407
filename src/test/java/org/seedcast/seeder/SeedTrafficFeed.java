package org.seedcast.seeder;

/** Lets tests outside the seeder's package add to {@link SeedTraffic}, as the seed's connections do. */
public final class SeedTrafficFeed {

    private SeedTrafficFeed() {
    }

    public static void add(SeedTraffic traffic, long episodeId, long bytes) {
        traffic.add(episodeId, bytes);
    }
}
