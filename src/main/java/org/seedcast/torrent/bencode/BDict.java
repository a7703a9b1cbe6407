package org.seedcast.torrent.bencode;

import java.util.Collections;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A bencoded dictionary, {@code d<key><value>...e}, keys in unsigned raw-byte order (BEP 3).
 * Immutable; {@link #with} returns a changed copy.
 */
public final class BDict implements BValue {

    private final SortedMap<BString, BValue> entries;
    private final Span span;

    BDict(SortedMap<BString, BValue> entries, Span span) {
        this.entries = Collections.unmodifiableSortedMap(entries);
        this.span = span;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Entries in key order. */
    public SortedMap<BString, BValue> entries() {
        return entries;
    }

    public Optional<BValue> get(String key) {
        return Optional.ofNullable(entries.get(BString.of(key)));
    }

    public Optional<BValue> get(BString key) {
        return Optional.ofNullable(entries.get(key));
    }

    /** A copy with {@code key} set to {@code value}; the copy has no span. */
    public BDict with(String key, BValue value) {
        TreeMap<BString, BValue> copy = new TreeMap<>(entries);
        copy.put(BString.of(key), value);
        return new BDict(copy, null);
    }

    @Override
    public Optional<Span> span() {
        return Optional.ofNullable(span);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof BDict that && entries.equals(that.entries);
    }

    @Override
    public int hashCode() {
        return entries.hashCode();
    }

    @Override
    public String toString() {
        return entries.toString();
    }

    /** Collects entries in any order; the dictionary sorts them. */
    public static final class Builder {

        private final TreeMap<BString, BValue> entries = new TreeMap<>();

        private Builder() {
        }

        public Builder put(String key, BValue value) {
            return put(BString.of(key), value);
        }

        public Builder put(BString key, BValue value) {
            entries.put(key, value);
            return this;
        }

        public Builder put(String key, String text) {
            return put(key, BString.of(text));
        }

        public Builder put(String key, long number) {
            return put(key, BInteger.of(number));
        }

        public BDict build() {
            return new BDict(new TreeMap<>(entries), null);
        }
    }
}
