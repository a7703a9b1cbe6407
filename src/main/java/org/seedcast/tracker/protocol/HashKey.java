package org.seedcast.tracker.protocol;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.seedcast.torrent.InfoHash;

/**
 * A 20-byte info-hash held as three primitive words, so hot-path lookups compare numbers instead of
 * arrays. A record is right here: its components are primitives, never a {@code byte[]}.
 */
public record HashKey(long high, long middle, int low) {

    private static final VarHandle LONGS =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle INTS =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** The 20 bytes of {@code bytes} starting at {@code offset}. */
    public static HashKey of(byte[] bytes, int offset) {
        return new HashKey((long) LONGS.get(bytes, offset), (long) LONGS.get(bytes, offset + 8),
                (int) INTS.get(bytes, offset + 16));
    }

    /** The next 20 bytes of {@code in}, advancing its position. */
    public static HashKey read(ByteBuffer in) {
        return new HashKey(in.getLong(), in.getLong(), in.getInt());
    }

    public static HashKey of(InfoHash hash) {
        return of(hash.toBytes(), 0);
    }

    public InfoHash toInfoHash() {
        byte[] bytes = new byte[InfoHash.LENGTH];
        LONGS.set(bytes, 0, high);
        LONGS.set(bytes, 8, middle);
        INTS.set(bytes, 16, low);
        return InfoHash.of(bytes);
    }

    /** Writes the 20 raw bytes. */
    public void write(ByteBuffer out) {
        out.putLong(high).putLong(middle).putInt(low);
    }

    /** Unsigned byte order, the order bencoded dictionary keys must follow. */
    public int compareBytes(HashKey other) {
        int c = Long.compareUnsigned(high, other.high);
        if (c == 0) {
            c = Long.compareUnsigned(middle, other.middle);
        }
        return c != 0 ? c : Integer.compareUnsigned(low, other.low);
    }

    /**
     * Written out: a record's generated equals goes through method handles that the JIT does not
     * always inline on the hot path (every announce looks its hash up).
     */
    @Override
    public boolean equals(Object o) {
        return o instanceof HashKey k && k.high == high && k.middle == middle && k.low == low;
    }

    @Override
    public int hashCode() {
        // SHA-1 output is uniformly random already; the low word spreads well on its own.
        return (int) (high ^ (high >>> 32)) ^ low;
    }

    @Override
    public String toString() {
        return String.format("%016x%016x%08x", high, middle, low);
    }
}
