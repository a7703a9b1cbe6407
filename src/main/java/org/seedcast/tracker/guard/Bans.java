package org.seedcast.tracker.guard;

import java.util.function.LongSupplier;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.seedcast.tracker.protocol.Endpoint;

/**
 * Banned addresses and networks, IPv4 and IPv6: a {@link NetworkSet} behind a volatile reference,
 * rebuilt and swapped on every change, so the per-request check takes no lock.
 */
public final class Bans {

    /**
     * One ban as an admin gave it.
     *
     * @param until when it lapses by itself, or {@code null} for never
     */
    public record Ban(Cidr cidr, String reason, Instant since, Instant until) {

        public Ban(Cidr cidr, String reason, Instant since) {
            this(cidr, reason, since, null);
        }
    }

    private final Map<String, Ban> bans = new LinkedHashMap<>();
    private final LongSupplier clockMillis;
    private volatile NetworkSet networks = NetworkSet.EMPTY;
    /** When the soonest ban lapses; the request path compares one volatile long against the time. */
    private volatile long nextExpiry = Long.MAX_VALUE;

    public Bans() {
        this(System::currentTimeMillis);
    }

    public Bans(LongSupplier clockMillis) {
        this.clockMillis = clockMillis;
    }

    public boolean banned(Endpoint address) {
        if (clockMillis.getAsLong() >= nextExpiry) {
            expire();
        }
        return networks.contains(address);
    }

    public synchronized void ban(Ban ban) {
        bans.put(ban.cidr().text(), ban);
        rebuild();
    }

    /** The bans as the database holds them, after another node changed them. */
    public synchronized void replace(List<Ban> all) {
        bans.clear();
        all.forEach(ban -> bans.put(ban.cidr().text(), ban));
        rebuild();
    }

    /** Returns whether there was such a ban. */
    public synchronized boolean unban(Cidr cidr) {
        boolean removed = bans.remove(cidr.text()) != null;
        rebuild();
        return removed;
    }

    /** The bans in force, oldest first; lapsed ones are dropped first. */
    public synchronized List<Ban> list() {
        expire();
        return new ArrayList<>(bans.values());
    }

    /** Drops the bans whose time is up. */
    public synchronized void expire() {
        long now = clockMillis.getAsLong();
        if (bans.values().removeIf(b -> b.until() != null && b.until().toEpochMilli() <= now)) {
            rebuild();
        } else {
            nextExpiry = soonestExpiry();
        }
    }

    private void rebuild() {
        networks = NetworkSet.of(bans.values().stream().map(Ban::cidr).toList());
        nextExpiry = soonestExpiry();
    }

    private long soonestExpiry() {
        return bans.values().stream().filter(b -> b.until() != null)
                .mapToLong(b -> b.until().toEpochMilli()).min().orElse(Long.MAX_VALUE);
    }
}
