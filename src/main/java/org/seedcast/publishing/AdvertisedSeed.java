package org.seedcast.publishing;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.seedcast.catalog.CatalogProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;

/**
 * The publisher's own seed as others name it: the host from {@link SeedAddress} (else the
 * tracker's, else the public URL's), resolved once, at start, to at most one IPv4 and one IPv6
 * address. Magnets carry it as {@code x.pe} (BEP 9) and the tracker lists its addresses in every
 * published swarm; one home for both, so they never disagree.
 */
@Component
public class AdvertisedSeed {

    private static final Logger log = LoggerFactory.getLogger(AdvertisedSeed.class);

    /** Looks a host up; {@link InetAddress#getAllByName} outside tests. */
    interface Resolver {
        InetAddress[] resolve(String host) throws UnknownHostException;
    }

    private final boolean enabled;
    private final String host;
    private final int port;
    private final List<InetSocketAddress> addresses;

    @Autowired
    AdvertisedSeed(SeedAddress seed, TrackerAddress tracker, CatalogProperties site) {
        this(seed, tracker, site, InetAddress::getAllByName);
    }

    AdvertisedSeed(SeedAddress seed, TrackerAddress tracker, CatalogProperties site, Resolver resolver) {
        if (seed.port() < 1 || seed.port() > 65535) {
            throw new IllegalArgumentException("seedcast.seeder.port must be between 1 and 65535, not " + seed.port());
        }
        this.enabled = seed.enabled();
        this.host = StringUtils.hasText(seed.host()) ? Hosts.unbracketed(seed.host().strip())
                : tracker.host(site.publicUrl());
        this.port = seed.port();
        this.addresses = enabled ? resolve(resolver) : List.of();
    }

    private List<InetSocketAddress> resolve(Resolver resolver) {
        InetAddress[] all;
        try {
            all = resolver.resolve(host);
        } catch (UnknownHostException | SecurityException e) {
            log.warn("The publisher's seed host '{}' (seedcast.seeder.host) cannot be resolved: the tracker lists no"
                    + " seed in its swarms, and magnets name it only as {}. Set SEEDCAST_SEEDER_HOST to an address"
                    + " or a name that resolves ({})", host, authority(), e.toString());
            return List.of();
        }
        Optional<InetAddress> v4 = first(all, Inet4Address.class);
        Optional<InetAddress> v6 = first(all, Inet6Address.class);
        List<InetSocketAddress> found = new ArrayList<>(2);
        v4.ifPresent(a -> found.add(new InetSocketAddress(a, port)));
        v6.ifPresent(a -> found.add(new InetSocketAddress(a, port)));
        log.info("The publisher's seed is advertised as {} ({})", authority(),
                found.stream().map(a -> a.getAddress().getHostAddress()).toList());
        if (!host.equalsIgnoreCase("localhost") && found.stream().anyMatch(a -> a.getAddress().isLoopbackAddress())) {
            // Debian, for one, maps the machine's own name to 127.0.1.1 in /etc/hosts
            log.warn("The publisher's seed host '{}' resolves to a loopback address here, which fans elsewhere cannot"
                    + " reach: set SEEDCAST_SEEDER_HOST to the public address", host);
        }
        return List.copyOf(found);
    }

    private static Optional<InetAddress> first(InetAddress[] all, Class<? extends InetAddress> family) {
        for (InetAddress a : all) {
            if (family.isInstance(a)) {
                return Optional.of(a);
            }
        }
        return Optional.empty();
    }

    /** Whether a seed is advertised ({@code SEEDCAST_SEEDER_ENABLED}). */
    public boolean enabled() {
        return enabled;
    }

    /** The host as configured or defaulted, without brackets. */
    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    /** {@code HOST:PORT}, an IPv6 literal in brackets. */
    public String authority() {
        return Hosts.authority(host, port);
    }

    /**
     * The addresses the host resolved to at start, IPv4 first, at most one per family; empty when
     * the seed is off or its host did not resolve.
     */
    public List<InetSocketAddress> addresses() {
        return addresses;
    }

    /**
     * The peers a magnet names as {@code x.pe}: the host as configured and, when it is a name, the
     * addresses it resolved to (libtorrent takes only address literals there). Empty when the seed is off.
     */
    public List<InetSocketAddress> magnetPeers() {
        if (!enabled) {
            return List.of();
        }
        List<InetSocketAddress> peers = new ArrayList<>();
        peers.add(InetSocketAddress.createUnresolved(host, port));
        if (!isLiteral(host)) {
            peers.addAll(addresses);
        }
        return List.copyOf(peers);
    }

    /** An IPv4 or IPv6 address literal, as opposed to a name. */
    static boolean isLiteral(String host) {
        return host.matches("[0-9]{1,3}(\\.[0-9]{1,3}){3}") || host.contains(":");
    }
}
