package org.seedcast.torrent.bencode;

import java.util.Optional;

/** A bencoded integer, {@code i<digits>e}, within the range of a {@code long}. */
public final class BInteger implements BValue {

    private final long value;
    private final Span span;

    BInteger(long value, Span span) {
        this.value = value;
        this.span = span;
    }

    public static BInteger of(long value) {
        return new BInteger(value, null);
    }

    public long value() {
        return value;
    }

    @Override
    public Optional<Span> span() {
        return Optional.ofNullable(span);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BInteger that && value == that.value;
    }

    @Override
    public int hashCode() {
        return Long.hashCode(value);
    }

    @Override
    public String toString() {
        return Long.toString(value);
    }
}
