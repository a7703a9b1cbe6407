package org.seedcast.web.connections;

import java.util.Locale;

/** Why the web port closed a connection itself; the metrics' {@code reason} tag. */
public enum Closed {
    /** Its address already had its share of connections: closed at accept. */
    ADDRESS_LIMIT,
    /** At capacity, it had waited longest for a request head and made room for a newcomer. */
    SHED,
    /** Its request head was not complete by the deadline. */
    HEAD_TIMEOUT;

    public String tag() {
        return name().toLowerCase(Locale.ROOT);
    }
}
