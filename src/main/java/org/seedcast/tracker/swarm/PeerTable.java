package org.seedcast.tracker.swarm;

import java.util.random.RandomGenerator;

/**
 * One address family of one swarm: an open-addressing table (linear probing, backward-shift
 * deletion, no tombstones) over primitive arrays. A slot is {@code width} longs of key and one int
 * of meta (seeder flag in the top bit, last-seen second in the rest): 12 bytes per IPv4 slot
 * ({@code address << 16 | port}), 28 per IPv6 slot (address high, address low, port). Not
 * thread-safe: the shard lock guards it.
 */
final class PeerTable {

    static final int SEEDER = 0x8000_0000;
    private static final int MIN_CAPACITY = 4;

    private final int width;
    private long[] keys;
    private int[] meta;
    private int mask = -1;
    private int size;

    PeerTable(int width) {
        this.width = width;
    }

    int size() {
        return size;
    }

    /**
     * Adds or refreshes a peer.
     *
     * @return -1 if it is new, else its previous meta
     */
    int put(long a, long b, long c, boolean seeder, int now) {
        if (keys == null || (size + 1) * 4 > (mask + 1) * 3) {
            resize(keys == null ? MIN_CAPACITY : (mask + 1) * 2);
        }
        int i = find(a, b, c);
        int m = now | (seeder ? SEEDER : 0);
        if (i >= 0) {
            int previous = meta[i];
            meta[i] = m;
            return previous;
        }
        i = ~i;
        setKey(i, a, b, c);
        meta[i] = m;
        size++;
        return -1;
    }

    /** Removes a peer; returns its meta, or -1 if it was absent. */
    int remove(long a, long b, long c) {
        if (keys == null) {
            return -1;
        }
        int i = find(a, b, c);
        if (i < 0) {
            return -1;
        }
        int previous = meta[i];
        delete(i);
        return previous;
    }

    /**
     * Removes peers last seen before {@code cutoff}; adds removed seeders to {@code counts[0]} and
     * leechers to {@code counts[1]}; shrinks or frees the arrays when mostly empty.
     */
    void expire(int cutoff, int[] counts) {
        if (keys == null) {
            return;
        }
        for (int i = 0; i <= mask; ) {
            if (!empty(i) && (meta[i] & ~SEEDER) < cutoff) {
                counts[(meta[i] & SEEDER) != 0 ? 0 : 1]++;
                delete(i); // a later entry may shift into slot i: look at it again
            } else {
                i++;
            }
        }
        if (size == 0) {
            keys = null;
            meta = null;
            mask = -1;
        } else if (mask + 1 > MIN_CAPACITY && size * 8 < mask + 1) {
            resize(Math.max(MIN_CAPACITY, Integer.highestOneBit(size * 2) * 2));
        }
    }

    /**
     * Copies up to {@code max} peers in compact form into {@code out}, reading the table onwards from
     * a random slot (wrapping once). Slots are placed by a hash of address and port, so a run of
     * neighbouring slots is a random sample of the swarm, and reading it is sequential in memory:
     * no copy, no shuffle, few cache misses (opentracker likewise copies random runs of its vector).
     *
     * @return the number of peers written
     */
    int select(long a, long b, long c, boolean skipSeeders, int max, byte[] out, RandomGenerator random) {
        if (keys == null || max <= 0) {
            return 0;
        }
        int capacity = mask + 1;
        int slot = random.nextInt(capacity);
        int n = 0;
        for (int visited = 0; visited < capacity && n < max; visited++, slot = (slot + 1) & mask) {
            if (empty(slot) || (skipSeeders && (meta[slot] & SEEDER) != 0) || isKey(slot, a, b, c)) {
                continue;
            }
            write(slot, out, n++);
        }
        return n;
    }

    /** Heap bytes of the arrays, for the memory figure. */
    long arrayBytes() {
        return keys == null ? 0 : 16 + 8L * keys.length + 16 + 4L * meta.length;
    }

    private void write(int slot, byte[] out, int n) {
        int base = slot * width;
        if (width == 1) {
            long k = keys[base];
            int o = n * 6;
            for (int i = 0; i < 6; i++) {
                out[o + i] = (byte) (k >>> (40 - 8 * i));
            }
        } else {
            int o = n * 18;
            putLong(out, o, keys[base]);
            putLong(out, o + 8, keys[base + 1]);
            out[o + 16] = (byte) (keys[base + 2] >>> 8);
            out[o + 17] = (byte) keys[base + 2];
        }
    }

    private static void putLong(byte[] out, int o, long v) {
        for (int i = 0; i < 8; i++) {
            out[o + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    /** The slot holding the key, or {@code ~slot} of the free slot where it would go. */
    private int find(long a, long b, long c) {
        int i = home(a, b, c);
        while (!empty(i)) {
            if (isKey(i, a, b, c)) {
                return i;
            }
            i = (i + 1) & mask;
        }
        return ~i;
    }

    private void delete(int hole) {
        int j = hole;
        while (true) {
            j = (j + 1) & mask;
            if (empty(j)) {
                break;
            }
            int h = homeOf(j);
            // The entry at j may move back to the hole unless its home lies cyclically in (hole, j].
            boolean stays = hole <= j ? hole < h && h <= j : hole < h || h <= j;
            if (!stays) {
                copySlot(j, hole);
                hole = j;
            }
        }
        clear(hole);
        size--;
    }

    private void resize(int capacity) {
        long[] oldKeys = keys;
        int[] oldMeta = meta;
        int oldCapacity = mask + 1;
        keys = new long[capacity * width];
        meta = new int[capacity];
        mask = capacity - 1;
        for (int s = 0; s < oldCapacity; s++) {
            int base = s * width;
            if (oldKeys[base + width - 1] != 0) {
                long a = oldKeys[base];
                long b = width == 1 ? 0 : oldKeys[base + 1];
                long c = width == 1 ? 0 : oldKeys[base + 2];
                int i = ~find(a, b, c);
                setKey(i, a, b, c);
                meta[i] = oldMeta[s];
            }
        }
    }

    private int home(long a, long b, long c) {
        long h = a * 0x9E3779B97F4A7C15L;
        if (width != 1) {
            h = (h ^ b) * 0xC2B2AE3D27D4EB4FL ^ c;
            h *= 0x9E3779B97F4A7C15L;
        }
        return (int) (h >>> 40) & mask;
    }

    private int homeOf(int slot) {
        int base = slot * width;
        return width == 1 ? home(keys[base], 0, 0) : home(keys[base], keys[base + 1], keys[base + 2]);
    }

    /** The last key word is never 0 in use: IPv4 keys carry a non-zero port, IPv6 keys end with it. */
    private boolean empty(int slot) {
        return keys[slot * width + width - 1] == 0;
    }

    private boolean isKey(int slot, long a, long b, long c) {
        int base = slot * width;
        return width == 1 ? keys[base] == a : keys[base] == a && keys[base + 1] == b && keys[base + 2] == c;
    }

    private void setKey(int slot, long a, long b, long c) {
        int base = slot * width;
        keys[base] = a;
        if (width != 1) {
            keys[base + 1] = b;
            keys[base + 2] = c;
        }
    }

    private void copySlot(int from, int to) {
        System.arraycopy(keys, from * width, keys, to * width, width);
        meta[to] = meta[from];
    }

    private void clear(int slot) {
        for (int k = 0; k < width; k++) {
            keys[slot * width + k] = 0;
        }
        meta[slot] = 0;
    }
}
