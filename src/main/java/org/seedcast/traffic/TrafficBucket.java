package org.seedcast.traffic;

import java.time.Instant;

/** The bytes of one time bucket ({@code seedcast.traffic.bucket} wide), starting at {@code start}. */
public record TrafficBucket(Instant start, TrafficFigures figures) {
}
