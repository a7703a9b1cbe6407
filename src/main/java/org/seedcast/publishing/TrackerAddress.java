package org.seedcast.publishing;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.StringUtils;

/**
 * Where our tracker is reached, as torrents name it, and where it listens. It lives here, not in
 * the tracker module, because publishing writes it into every torrent and must not depend on the
 * tracker; the tracker binds its listeners to this port and reads the rest of
 * {@code seedcast.tracker.*} from its own settings.
 *
 * @param host {@code SEEDCAST_TRACKER_HOST}: the host name written into announce URLs; the public URL's host
 *             when empty. An IPv6 literal may be given with or without brackets
 * @param port {@code SEEDCAST_TRACKER_PORT}: the tracker's HTTP and UDP port (0 picks a free one, for tests)
 * @param moreHosts {@code SEEDCAST_TRACKER_MORE_HOSTS}: further host names of the same tracker (the other nodes of a
 *                  tracker cluster, comma-separated), listed in every .torrent served and every magnet after the
 *                  tracker host, in the same {@code announce-list} tier, so a client whose tracker node is down
 *                  announces to the next. Added when a .torrent is served, outside its info dict: adding a node
 *                  later changes no info-hash and no signature
 */
@ConfigurationProperties("seedcast.tracker")
public record TrackerAddress(String host, @DefaultValue("6969") int port, List<String> moreHosts) {

    @ConstructorBinding
    public TrackerAddress {
        moreHosts = moreHosts == null ? List.of()
                : moreHosts.stream().filter(StringUtils::hasText).map(String::strip).map(Hosts::unbracketed).toList();
    }

    /** A tracker reached by one host name only. */
    public TrackerAddress(String host, int port) {
        this(host, port, List.of());
    }

    /** The host announce URLs name, without brackets: the configured one, else the public URL's. */
    String host(URI publicUrl) {
        return Hosts.unbracketed(StringUtils.hasText(host) ? host.strip() : publicUrl.getHost());
    }

    /**
     * The announce URLs written into every torrent, HTTP first, then UDP (one tier, BEP 12):
     * {@code http://HOST:PORT/announce}, {@code udp://HOST:PORT/announce}, an IPv6 literal in
     * brackets (RFC 3986, 3.2.2).
     */
    List<URI> announceUrls(URI publicUrl) {
        return announceUrls(List.of(host(publicUrl)));
    }

    /**
     * The announce URLs of {@link #moreHosts}, added to the tier when a torrent is served: HTTP for
     * each host, then UDP for each, so a client that finds one node down tries the next node over
     * the same transport first.
     */
    List<URI> moreAnnounceUrls() {
        return announceUrls(moreHosts);
    }

    private List<URI> announceUrls(List<String> hosts) {
        List<URI> urls = new ArrayList<>();
        for (String scheme : List.of("http", "udp")) {
            hosts.forEach(h -> urls.add(URI.create(scheme + "://" + Hosts.authority(h, port) + "/announce")));
        }
        return List.copyOf(urls);
    }
}
