package org.seedcast.tracker.engine;

import java.util.Objects;

import org.seedcast.tracker.guard.NetworkSet;

/**
 * The engine's settings, plain values. Times in seconds. The defaults are the application's
 * settings ({@code TrackerProperties}); {@link #builder()} names each value where one is made.
 *
 * @param publisher             named in the refusal: "this tracker only serves {publisher}'s torrents"
 * @param interval              {@code interval} sent to peers of published torrents
 * @param minInterval           {@code min interval} sent with it
 * @param jitter                up to this much is added to each {@code interval}, spreading re-announces
 * @param refusalInterval       {@code interval} sent with refusals of foreign torrents
 * @param blockedInterval       {@code interval} for blocked torrents and banned addresses
 * @param rateLimitedInterval   {@code interval} for answers to an address over its budget
 * @param defaultNumWant        peers per answer when the client does not say
 * @param maxNumWant            peers per answer at most
 * @param udpRefusal            how UDP refuses a foreign torrent
 * @param rateLimitExempt       addresses without per-address limits
 * @param trustedProxies        addresses whose {@code X-Forwarded-For} is believed
 */
public record TrackerSettings(String publisher, int interval, int minInterval, int jitter,
                              int refusalInterval, int blockedInterval, int rateLimitedInterval,
                              int defaultNumWant, int maxNumWant, UdpRefusal udpRefusal,
                              NetworkSet rateLimitExempt, NetworkSet trustedProxies) {

    /** Info-hashes accepted in one HTTP scrape (BEP 48); more are refused rather than cut. */
    public static final int MAX_SCRAPE_HASHES = 64;

    /** How a foreign torrent is refused over UDP ({@code seedcast.tracker.udp-refusal}). */
    public enum UdpRefusal {
        /**
         * A valid announce reply with no peers, zero counts and the long interval: libtorrent then
         * stays away for the whole interval, where an error packet brings it back within half a
         * minute ({@code bench/refusal_backoff.py}).
         */
        EMPTY_REPLY,
        /** An error packet (action 3) with the message, for operators who prefer to explain. */
        ERROR
    }

    public TrackerSettings withJitter(int seconds) {
        return toBuilder().jitter(seconds).build();
    }

    public TrackerSettings withUdpRefusal(UdpRefusal style) {
        return toBuilder().udpRefusal(style).build();
    }

    public TrackerSettings withNetworks(NetworkSet exempt, NetworkSet proxies) {
        return toBuilder().rateLimitExempt(exempt).trustedProxies(proxies).build();
    }

    /** A builder starting from these settings, to change some by name. */
    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Names each value of new settings; every one must be set. */
    public static Builder builder() {
        return new Builder(null);
    }

    /** Settings by name; see the record's components. */
    public static final class Builder {
        private String publisher;
        private Integer interval;
        private Integer minInterval;
        private Integer jitter;
        private Integer refusalInterval;
        private Integer blockedInterval;
        private Integer rateLimitedInterval;
        private Integer defaultNumWant;
        private Integer maxNumWant;
        private UdpRefusal udpRefusal;
        private NetworkSet rateLimitExempt;
        private NetworkSet trustedProxies;

        private Builder(TrackerSettings from) {
            if (from != null) {
                publisher(from.publisher).interval(from.interval).minInterval(from.minInterval).jitter(from.jitter)
                        .refusalInterval(from.refusalInterval).blockedInterval(from.blockedInterval)
                        .rateLimitedInterval(from.rateLimitedInterval).defaultNumWant(from.defaultNumWant)
                        .maxNumWant(from.maxNumWant).udpRefusal(from.udpRefusal)
                        .rateLimitExempt(from.rateLimitExempt).trustedProxies(from.trustedProxies);
            }
        }

        public Builder publisher(String value) {
            publisher = value;
            return this;
        }

        public Builder interval(int seconds) {
            interval = seconds;
            return this;
        }

        public Builder minInterval(int seconds) {
            minInterval = seconds;
            return this;
        }

        public Builder jitter(int seconds) {
            jitter = seconds;
            return this;
        }

        public Builder refusalInterval(int seconds) {
            refusalInterval = seconds;
            return this;
        }

        public Builder blockedInterval(int seconds) {
            blockedInterval = seconds;
            return this;
        }

        public Builder rateLimitedInterval(int seconds) {
            rateLimitedInterval = seconds;
            return this;
        }

        public Builder defaultNumWant(int peers) {
            defaultNumWant = peers;
            return this;
        }

        public Builder maxNumWant(int peers) {
            maxNumWant = peers;
            return this;
        }

        public Builder udpRefusal(UdpRefusal value) {
            udpRefusal = value;
            return this;
        }

        public Builder rateLimitExempt(NetworkSet value) {
            rateLimitExempt = value;
            return this;
        }

        public Builder trustedProxies(NetworkSet value) {
            trustedProxies = value;
            return this;
        }

        /** @throws NullPointerException naming the first value not set */
        public TrackerSettings build() {
            return new TrackerSettings(set(publisher, "publisher"), set(interval, "interval"),
                    set(minInterval, "minInterval"), set(jitter, "jitter"), set(refusalInterval, "refusalInterval"),
                    set(blockedInterval, "blockedInterval"), set(rateLimitedInterval, "rateLimitedInterval"),
                    set(defaultNumWant, "defaultNumWant"), set(maxNumWant, "maxNumWant"),
                    set(udpRefusal, "udpRefusal"), set(rateLimitExempt, "rateLimitExempt"),
                    set(trustedProxies, "trustedProxies"));
        }

        private static <T> T set(T value, String name) {
            return Objects.requireNonNull(value, () -> "TrackerSettings." + name + " is not set");
        }
    }
}
