package org.seedcast.tracker;

/**
 * Requests so far by transport ({@code http}, {@code udp}), kind ({@code announce}, {@code scrape},
 * {@code connect}, {@code other}) and outcome ({@code ok}, {@code unknown}, {@code blocked},
 * {@code rate_limited}, {@code bad_request}, {@code banned}): the labels of the metric
 * {@code seedcast.tracker.requests}.
 */
public record RequestCount(String transport, String kind, String outcome, long count) {
}
