package org.seedcast.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where our tracker listens, as torrents name it.
 *
 * @param host {@code SEEDCAST_TRACKER_HOST}; the public URL's host when empty
 * @param port {@code SEEDCAST_TRACKER_PORT}, HTTP and UDP
 */
@ConfigurationProperties("seedcast.tracker")
record TrackerAddress(String host, @DefaultValue("6969") int port) {
}
