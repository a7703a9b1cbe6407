package org.seedcast.tracker.engine;

import static org.seedcast.tracker.engine.TrackerMetrics.Kind.ANNOUNCE;
import static org.seedcast.tracker.engine.TrackerMetrics.Kind.CONNECT;
import static org.seedcast.tracker.engine.TrackerMetrics.Kind.OTHER;
import static org.seedcast.tracker.engine.TrackerMetrics.Kind.SCRAPE;
import static org.seedcast.tracker.engine.TrackerMetrics.Transport.HTTP;
import static org.seedcast.tracker.engine.TrackerMetrics.Transport.UDP;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongSupplier;
import org.seedcast.tracker.engine.TrackerMetrics.Outcome;
import org.seedcast.tracker.engine.TrackerSettings.UdpRefusal;
import org.seedcast.tracker.guard.AccessList;
import org.seedcast.tracker.guard.Bans;
import org.seedcast.tracker.guard.RateLimiter;
import org.seedcast.tracker.protocol.AnnounceRequest;
import org.seedcast.tracker.protocol.BadRequest;
import org.seedcast.tracker.protocol.ConnectionIds;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.HashKey;
import org.seedcast.tracker.protocol.HttpAnswers;
import org.seedcast.tracker.protocol.HttpHead;
import org.seedcast.tracker.protocol.HttpQuery;
import org.seedcast.tracker.protocol.SelectedPeers;
import org.seedcast.tracker.protocol.UdpCodec;
import org.seedcast.tracker.swarm.SwarmStore;
import org.seedcast.tracker.unknown.UnknownTorrents;

/**
 * Answers announces and scrapes for both transports, in the same order of checks: ban, rate limit,
 * parse, access verdict, then the swarm or a refusal. Refusals are built around what clients do
 * next: HTTP always 200 with a {@code failure reason} and a long {@code interval} (BEP 3, BEP 31
 * {@code retry in}); UDP a valid empty announce reply with the long interval, or an error packet
 * if so configured (BEP 15). Nothing here blocks, touches a database, or throws past its caller
 * for bad input. Answers are written into the caller's buffer.
 */
public final class TrackerEngine {

    private final TrackerSettings settings;
    private final SwarmStore swarms;
    private final AccessList access;
    private final UnknownTorrents unknown;
    private final Bans bans;
    private final RateLimiter limiter;
    /**
     * Connects carry nothing that proves their source address, so they spend from buckets of their
     * own: forged connects can make a victim's connects go unanswered, never its announces.
     */
    private final RateLimiter connectLimiter;
    private final ConnectionIds connectionIds;
    private final TrackerMetrics metrics;
    private final LongSupplier millis;

    private final Refusals refusals;

    public TrackerEngine(TrackerSettings settings, SwarmStore swarms, AccessList access,
                         UnknownTorrents unknown, Bans bans, RateLimiter limiter,
                         ConnectionIds connectionIds, TrackerMetrics metrics, LongSupplier millis) {
        this.settings = settings;
        this.swarms = swarms;
        this.access = access;
        this.unknown = unknown;
        this.bans = bans;
        this.limiter = limiter;
        this.connectLimiter = limiter.sameBudget(1 << 16);
        this.connectionIds = connectionIds;
        this.metrics = metrics;
        this.millis = millis;
        this.refusals = new Refusals(settings.publisher());
    }

    public TrackerSettings settings() {
        return settings;
    }

    /**
     * The address a request comes from: the connection's, or, when that is a trusted proxy, the
     * right-most {@code X-Forwarded-For} entry that is not itself a trusted proxy.
     */
    public Endpoint client(Endpoint remote, HttpHead head, byte[] bytes) {
        if (head.forwardedFrom < 0 || settings.trustedProxies().isEmpty()
                || !settings.trustedProxies().contains(remote)) {
            return remote;
        }
        String forwardedFor = new String(bytes, head.forwardedFrom, head.forwardedTo - head.forwardedFrom,
                StandardCharsets.ISO_8859_1);
        return ForwardedAddress.client(remote, forwardedFor, settings.trustedProxies());
    }

    /** An HTTP announce; writes the bencoded body into {@code out}. */
    public Outcome httpAnnounce(byte[] bytes, HttpHead head, Endpoint client, ByteBuffer out,
                                SelectedPeers peers) {
        long start = System.nanoTime();
        Outcome outcome = httpAnnounce(bytes, head.queryFrom, head.queryTo, client, out, peers);
        metrics.count(HTTP, ANNOUNCE, outcome, start);
        return outcome;
    }

    private Outcome httpAnnounce(byte[] bytes, int from, int to, Endpoint client, ByteBuffer out,
                                 SelectedPeers peers) {
        Outcome gate = httpGate(client, out);
        if (gate != null) {
            return gate;
        }
        AnnounceRequest request;
        try {
            request = HttpQuery.parseAnnounce(bytes, from, to);
        } catch (BadRequest e) {
            HttpAnswers.failure(out, HttpAnswers.reason(e.reason()), settings.interval(), settings.interval() / 60);
            return Outcome.BAD_REQUEST;
        }
        switch (access.verdict(request.infoHash())) {
            case TRACKED -> {
                swarms.announce(request, client.withPort(request.port()), numWant(request, settings.maxNumWant()),
                        true, true, peers, ThreadLocalRandom.current());
                HttpAnswers.announce(out, peers, interval(), settings.minInterval(), request.compact());
                return Outcome.OK;
            }
            case BLOCKED -> {
                unknown.record(request.infoHash(), client.addressKey(), request.peerIdPrefix(), millis.getAsLong());
                HttpAnswers.failure(out, refusals.blocked, settings.blockedInterval(), -1);
                return Outcome.BLOCKED;
            }
            default -> {
                unknown.record(request.infoHash(), client.addressKey(), request.peerIdPrefix(), millis.getAsLong());
                HttpAnswers.failure(out, refusals.unknown, settings.refusalInterval(), settings.refusalInterval() / 60);
                return Outcome.UNKNOWN;
            }
        }
    }

    /** An HTTP scrape (BEP 48); foreign hashes answer zeros. */
    public Outcome httpScrape(byte[] bytes, HttpHead head, Endpoint client, ByteBuffer out) {
        long start = System.nanoTime();
        Outcome outcome = httpGate(client, out);
        if (outcome == null) {
            try {
                List<HashKey> hashes = HttpQuery.parseScrape(bytes, head.queryFrom, head.queryTo,
                        TrackerSettings.MAX_SCRAPE_HASHES);
                List<HashKey> sorted = hashes.stream().distinct().sorted(HashKey::compareBytes).toList();
                long[] counts = new long[3 * sorted.size()];
                for (int i = 0; i < sorted.size(); i++) {
                    if (access.tracked(sorted.get(i))) {
                        swarms.scrape(sorted.get(i), counts, 3 * i);
                    }
                }
                HttpAnswers.scrape(out, sorted, counts);
                outcome = Outcome.OK;
            } catch (BadRequest e) {
                HttpAnswers.failure(out, HttpAnswers.reason(e.reason()), settings.interval(), settings.interval() / 60);
                outcome = Outcome.BAD_REQUEST;
            }
        }
        metrics.count(HTTP, SCRAPE, outcome, start);
        return outcome;
    }

    /**
     * A connection beyond the per-address limit still gets an answer, a cheap one, so the client
     * backs off for the rate-limited interval rather than retrying a refused connection at once.
     */
    public void httpOverConnectionLimit(ByteBuffer out) {
        long start = System.nanoTime();
        HttpAnswers.failure(out, refusals.tooManyConnections, settings.rateLimitedInterval(), settings.rateLimitedInterval() / 60);
        metrics.count(HTTP, OTHER, Outcome.RATE_LIMITED, start);
    }

    /** Writes a failure for a request that failed unexpectedly, so the client still backs off. */
    public void httpInternalError(ByteBuffer out) {
        HttpAnswers.failure(out, refusals.internalError, settings.interval(), settings.interval() / 60);
    }

    /** A request to any other path: counted, then answered 404 by the transport. */
    public void httpOther(Outcome outcome) {
        metrics.count(HTTP, OTHER, outcome, System.nanoTime());
    }

    private Outcome httpGate(Endpoint client, ByteBuffer out) {
        if (bans.banned(client)) {
            unknown.refused(client.addressKey());
            HttpAnswers.failure(out, refusals.banned, settings.blockedInterval(), -1);
            return Outcome.BANNED;
        }
        if (limited(client) != RateLimiter.Decision.ALLOW) {
            unknown.refused(client.addressKey());
            HttpAnswers.failure(out, refusals.rateLimited, settings.rateLimitedInterval(), settings.rateLimitedInterval() / 60);
            return Outcome.RATE_LIMITED;
        }
        return null;
    }

    /**
     * One UDP packet (BEP 15); writes the reply into {@code out}. Anyone can forge a datagram's
     * source, so nothing is charged to the source address, and it is not listed as a refused source,
     * before the packet proves that address: a connect spends from connect buckets only, and any
     * other packet is checked for a valid connection id (which only a reply to the address could
     * have brought) before it spends from the address's budget shared with HTTP. Garbage and made-up
     * ids are dropped at the cost of one SipHash, so they need no limit of their own.
     *
     * @return false when the packet gets no reply: too short, a bad connect magic, an invalid
     *         connection id (replying would help reflection attacks), or a source far over budget
     */
    public boolean udp(ByteBuffer in, Endpoint source, ByteBuffer out, SelectedPeers peers) {
        long start = System.nanoTime();
        int length = in.remaining();
        if (length < UdpCodec.HEAD) {
            metrics.countDropped(UDP, OTHER, Outcome.BAD_REQUEST);
            return false;
        }
        long connectionId = in.getLong();
        int action = in.getInt();
        int transactionId = in.getInt();
        TrackerMetrics.Kind kind = switch (action) {
            case UdpCodec.CONNECT -> CONNECT;
            case UdpCodec.ANNOUNCE -> ANNOUNCE;
            case UdpCodec.SCRAPE -> SCRAPE;
            default -> OTHER;
        };
        Outcome outcome;
        if (action == UdpCodec.CONNECT) {
            outcome = udpConnect(source, connectionId, transactionId, out);
        } else if (!connectionIds.valid(connectionId, source)) {
            outcome = Outcome.BAD_REQUEST;
        } else {
            outcome = udpAuthenticated(in, length, source, action, transactionId, out, peers);
        }
        boolean replied = out.position() > 0;
        if (replied) {
            metrics.count(UDP, kind, outcome, start);
        } else {
            metrics.countDropped(UDP, kind, outcome);
        }
        return replied;
    }

    private Outcome udpConnect(Endpoint source, long magic, int tid, ByteBuffer out) {
        if (magic != UdpCodec.PROTOCOL_ID) {
            return Outcome.BAD_REQUEST;
        }
        if (!settings.rateLimitExempt().contains(source)
                && connectLimiter.acquire(source.addressKey()) != RateLimiter.Decision.ALLOW) {
            return Outcome.RATE_LIMITED; // dropped, and the source unproven: not a refused source
        }
        UdpCodec.connect(out, tid, connectionIds.issue(source));
        return Outcome.OK;
    }

    /** A packet with a valid connection id: its source address is genuine. */
    private Outcome udpAuthenticated(ByteBuffer in, int length, Endpoint source, int action, int tid,
                                     ByteBuffer out, SelectedPeers peers) {
        RateLimiter.Decision decision = limited(source);
        if (decision != RateLimiter.Decision.ALLOW) {
            unknown.refused(source.addressKey());
            if (decision == RateLimiter.Decision.LIMIT) {
                refuseUdp(out, tid, action, settings.rateLimitedInterval(), refusals.udpRateLimited);
            } // far over: dropped, the cheapest path for a flood
            return Outcome.RATE_LIMITED;
        }
        return switch (action) {
            case UdpCodec.ANNOUNCE -> udpAnnounce(in, length, source, tid, out, peers);
            case UdpCodec.SCRAPE -> udpScrape(in, length, tid, out);
            default -> {
                UdpCodec.error(out, tid, UdpCodec.message("unknown action " + action));
                yield Outcome.BAD_REQUEST;
            }
        };
    }

    private Outcome udpAnnounce(ByteBuffer in, int length, Endpoint source, int tid, ByteBuffer out,
                                SelectedPeers peers) {
        AnnounceRequest request;
        try {
            request = UdpCodec.readAnnounce(in, length);
        } catch (BadRequest e) {
            UdpCodec.error(out, tid, UdpCodec.message(e.reason()));
            return Outcome.BAD_REQUEST;
        }
        if (bans.banned(source)) {
            refuseUdp(out, tid, UdpCodec.ANNOUNCE, settings.blockedInterval(), refusals.udpBlocked);
            return Outcome.BANNED;
        }
        switch (access.verdict(request.infoHash())) {
            case TRACKED -> {
                int cap = source.ipv6() ? UdpCodec.MAX_PEERS_V6 : UdpCodec.MAX_PEERS_V4;
                swarms.announce(request, source.withPort(request.port()),
                        numWant(request, Math.min(cap, settings.maxNumWant())),
                        !source.ipv6(), source.ipv6(), peers, ThreadLocalRandom.current());
                UdpCodec.announce(out, tid, interval(), peers, source.ipv6());
                return Outcome.OK;
            }
            case BLOCKED -> {
                unknown.record(request.infoHash(), source.addressKey(), request.peerIdPrefix(), millis.getAsLong());
                refuseUdp(out, tid, UdpCodec.ANNOUNCE, settings.blockedInterval(), refusals.udpBlocked);
                return Outcome.BLOCKED;
            }
            default -> {
                unknown.record(request.infoHash(), source.addressKey(), request.peerIdPrefix(), millis.getAsLong());
                refuseUdp(out, tid, UdpCodec.ANNOUNCE, settings.refusalInterval(), refusals.udpUnknown);
                return Outcome.UNKNOWN;
            }
        }
    }

    private Outcome udpScrape(ByteBuffer in, int length, int tid, ByteBuffer out) {
        int n = Math.min((length - UdpCodec.HEAD) / 20, UdpCodec.MAX_SCRAPE_HASHES);
        if (n == 0) {
            UdpCodec.error(out, tid, UdpCodec.message("scrape needs at least one info_hash"));
            return Outcome.BAD_REQUEST;
        }
        UdpCodec.scrapeHead(out, tid);
        long[] counts = new long[3];
        for (int i = 0; i < n; i++) {
            HashKey key = HashKey.read(in);
            counts[0] = counts[1] = counts[2] = 0;
            if (access.tracked(key)) {
                swarms.scrape(key, counts, 0);
            }
            UdpCodec.scrapeEntry(out, (int) counts[0], (int) counts[1], (int) counts[2]);
        }
        return Outcome.OK;
    }

    private void refuseUdp(ByteBuffer out, int tid, int action, int interval, byte[] message) {
        if (settings.udpRefusal() == UdpRefusal.ERROR || action != UdpCodec.ANNOUNCE) {
            UdpCodec.error(out, tid, message);
        } else {
            UdpCodec.emptyAnnounce(out, tid, interval);
        }
    }

    /**
     * Whether a client whose request was just refused by the rate limit is far over its budget (a
     * flood rather than a busy client), so the transport may answer it the slowest cheap way.
     */
    public boolean farOverBudget(Endpoint client) {
        return !settings.rateLimitExempt().contains(client) && limiter.farOver(client.addressKey());
    }

    private RateLimiter.Decision limited(Endpoint client) {
        if (settings.rateLimitExempt().contains(client)) {
            return RateLimiter.Decision.ALLOW;
        }
        return limiter.acquire(client.addressKey());
    }

    private int numWant(AnnounceRequest request, int cap) {
        int wanted = request.numWant() < 0 ? settings.defaultNumWant() : request.numWant();
        return Math.min(wanted, cap);
    }

    private int interval() {
        int jitter = settings.jitter();
        return jitter <= 0 ? settings.interval() : settings.interval() + ThreadLocalRandom.current().nextInt(jitter + 1);
    }
}
