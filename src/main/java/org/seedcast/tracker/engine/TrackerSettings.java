package org.seedcast.tracker.engine;

import org.seedcast.tracker.guard.NetworkSet;

/**
 * The engine's settings, plain values (the Spring properties map onto this). Times in seconds.
 *
 * @param publisher             named in the refusal: "this tracker only serves {publisher}'s torrents"
 * @param jitter                up to this much is added to each {@code interval}, spreading re-announces
 * @param refusalInterval       {@code interval} sent with refusals of foreign torrents
 * @param blockedInterval       {@code interval} for blocked torrents and banned addresses
 * @param rateLimitedInterval   {@code interval} for answers to an address over its budget
 * @param udpRefusal            how UDP refuses a foreign torrent
 * @param maxScrapeHashes       info-hashes accepted in one HTTP scrape
 */
public record TrackerSettings(String publisher, int interval, int minInterval, int jitter,
                              int refusalInterval, int blockedInterval, int rateLimitedInterval,
                              int defaultNumWant, int maxNumWant, UdpRefusal udpRefusal,
                              int maxScrapeHashes, NetworkSet rateLimitExempt, NetworkSet trustedProxies) {

    /** How a foreign torrent is refused over UDP. */
    public enum UdpRefusal {
        /**
         * A valid announce reply with no peers, zero counts and the long interval: libtorrent then
         * stays away for the interval (7,199 s measured for 7,200), where an error packet brings it
         * back in 29 s.
         */
        EMPTY_REPLY,
        /** An error packet (action 3) with the message, for operators who prefer to explain. */
        ERROR
    }

    /** Defaults as documented in the README, for tests and plain-Java use. */
    public static TrackerSettings defaults() {
        return new TrackerSettings("the publisher", 1800, 300, 120, 7200, 86400, 3600, 50, 200,
                UdpRefusal.EMPTY_REPLY, 64, NetworkSet.EMPTY, NetworkSet.EMPTY);
    }

    public TrackerSettings withJitter(int seconds) {
        return new TrackerSettings(publisher, interval, minInterval, seconds, refusalInterval,
                blockedInterval, rateLimitedInterval, defaultNumWant, maxNumWant, udpRefusal,
                maxScrapeHashes, rateLimitExempt, trustedProxies);
    }

    public TrackerSettings withUdpRefusal(UdpRefusal style) {
        return new TrackerSettings(publisher, interval, minInterval, jitter, refusalInterval,
                blockedInterval, rateLimitedInterval, defaultNumWant, maxNumWant, style,
                maxScrapeHashes, rateLimitExempt, trustedProxies);
    }

    public TrackerSettings withNetworks(NetworkSet exempt, NetworkSet proxies) {
        return new TrackerSettings(publisher, interval, minInterval, jitter, refusalInterval,
                blockedInterval, rateLimitedInterval, defaultNumWant, maxNumWant, udpRefusal,
                maxScrapeHashes, exempt, proxies);
    }
}
