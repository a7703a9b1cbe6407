package org.seedcast.publishing;

import java.net.URI;
import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
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
 */
@ConfigurationProperties("seedcast.tracker")
public record TrackerAddress(String host, @DefaultValue("6969") int port) {

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
        String authority = Hosts.authority(host(publicUrl), port);
        return List.of(URI.create("http://" + authority + "/announce"), URI.create("udp://" + authority + "/announce"));
    }
}
