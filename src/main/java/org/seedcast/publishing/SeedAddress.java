package org.seedcast.publishing;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where the publisher's own seed can be reached, as magnets ({@code x.pe}) and the tracker's peer
 * lists name it. It lives here rather than in the seeder module because publishing and the tracker
 * both name the seed, and the seeder itself depends on both.
 *
 * @param enabled {@code SEEDCAST_SEEDER_ENABLED}: whether a seed is advertised (and, on a node that
 *                runs the seeder, started)
 * @param host    {@code SEEDCAST_SEEDER_HOST}; the tracker's host when empty, then the public URL's
 * @param port    {@code SEEDCAST_SEEDER_PORT}, TCP
 */
@ConfigurationProperties("seedcast.seeder")
public record SeedAddress(@DefaultValue("true") boolean enabled, String host, @DefaultValue("6881") int port) {
}
