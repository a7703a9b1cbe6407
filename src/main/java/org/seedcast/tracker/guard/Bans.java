package org.seedcast.tracker.guard;

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

    /** One ban as an admin gave it. */
    public record Ban(Cidr cidr, String reason, Instant since) {
    }

    private final Map<String, Ban> bans = new LinkedHashMap<>();
    private volatile NetworkSet networks = NetworkSet.EMPTY;

    public boolean banned(Endpoint address) {
        return networks.contains(address);
    }

    public synchronized void ban(Ban ban) {
        bans.put(ban.cidr().text(), ban);
        networks = NetworkSet.of(bans.values().stream().map(Ban::cidr).toList());
    }

    /** Returns whether there was such a ban. */
    public synchronized boolean unban(Cidr cidr) {
        boolean removed = bans.remove(cidr.text()) != null;
        networks = NetworkSet.of(bans.values().stream().map(Ban::cidr).toList());
        return removed;
    }

    public synchronized List<Ban> list() {
        return new ArrayList<>(bans.values());
    }
}
