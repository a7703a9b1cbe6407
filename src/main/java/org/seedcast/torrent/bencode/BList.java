package org.seedcast.torrent.bencode;

import java.util.List;
import java.util.Optional;

/** A bencoded list, {@code l<values>e}. Immutable. */
public final class BList implements BValue {

    private final List<BValue> values;
    private final Span span;

    BList(List<BValue> values, Span span) {
        this.values = List.copyOf(values);
        this.span = span;
    }

    public static BList of(List<? extends BValue> values) {
        return new BList(List.copyOf(values), null);
    }

    public static BList of(BValue... values) {
        return new BList(List.of(values), null);
    }

    public List<BValue> values() {
        return values;
    }

    @Override
    public Optional<Span> span() {
        return Optional.ofNullable(span);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BList that && values.equals(that.values);
    }

    @Override
    public int hashCode() {
        return values.hashCode();
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
