package org.seedcast.tracker;

import java.time.Instant;

/**
 * A banned address or network, in canonical CIDR form ({@code 203.0.113.0/24}, {@code 2001:db8::/32}).
 *
 * @param until when the ban lapses by itself, or {@code null} for never
 */
public record Ban(String cidr, String reason, Instant since, Instant until) {
}
