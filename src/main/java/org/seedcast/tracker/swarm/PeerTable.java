package org.seedcast.tracker.swarm;

import java.nio.ByteBuffer;
import java.util.random.RandomGenerator;
import org.seedcast.tracker.protocol.Event;
import org.seedcast.tracker.protocol.HashKey;

/**
 * One address family of one swarm: an open-addressing table (linear probing, backward-shift
 * deletion, no tombstones) over primitive arrays. A slot is {@code width} longs of key and one int
 * of meta (flags in the top bits, last-seen second in the rest), and one int of the peer's last
 * reported {@code downloaded} in KiB: 16 bytes per IPv4 slot ({@code address << 16 | port}), 32 per
 * IPv6 slot (address high, address low, port). Not thread-safe: the shard lock guards it.
 * <p>
 * A slot's home is a hash of the address alone (IPv6: of its /64, the unit one host usually holds
 * whole), not of the port: all of an address's peers then lie in the probe run from that home, so
 * counting them for the per-address cap costs nothing beyond the lookup an insert makes anyway.
 * <p>
 * A peer that stops after its download was counted stays as a {@link #STOPPED} slot, not handed
 * out and not counted, until it expires: so that stopping and starting again cannot count the
 * same download twice.
 */
final class PeerTable {

    static final int SEEDER = 0x8000_0000;
    /** Its download was counted ({@code completed}): never again for this address and port. */
    static final int COMPLETED = 0x4000_0000;
    /** Returned by {@link #put} when the peer was not added: the swarm or its address is full. */
    static final int REFUSED = -2;
    /** A peer that stopped, kept (with the second it stopped) only for its {@link #COMPLETED} flag. */
    static final int STOPPED = 0x2000_0000;
    private static final int SECONDS = 0x1FFF_FFFF;
    private static final int MIN_CAPACITY = 4;
    /** Slots a selection reads at most per peer wanted (plus a floor): bounds a seeder's scan past seeders. */
    private static final int SCAN_PER_PEER = 16;
    private static final int SCAN_FLOOR = 256;

    private final int width;
    private long[] keys;
    private int[] meta;
    /**
     * The {@code downloaded} figure of the peer's last announce, in KiB (unsigned): the baseline its
     * next figure grows from. KiB rather than bytes halves the cost per slot, and the growths counted
     * from it still add up to the byte within 1 KiB per session, as the floors telescope.
     */
    private int[] downloadedKib;
    /** The slot {@link #put} last added or refreshed; -1 after a refusal. */
    private int lastSlot = -1;
    private int mask = -1;
    private int size;

    PeerTable(int width) {
        this.width = width;
    }

    int size() {
        return size;
    }

    /** The second a slot's meta says its peer was last seen (or stopped). */
    static int seenAt(int meta) {
        return meta & SECONDS;
    }

    /**
     * Adds or refreshes a peer. A new peer is added only if the table holds fewer than
     * {@code room} more and its address fewer than {@code perAddress} peers.
     *
     * @param completedEvent whether the announce says {@code completed}: see {@link #completes}
     * @return -1 if it is new, {@link #REFUSED} if it was not added, else its previous meta
     *         (with {@link #STOPPED} for a peer that had stopped)
     */
    int put(long a, long b, long c, boolean seeder, boolean completedEvent, int now, int room, int perAddress) {
        int m = now | (seeder ? SEEDER : 0);
        if (keys != null) {
            int i = findCounting(a, b, c);
            if (i >= 0) {
                int previous = meta[i];
                boolean completes = completes(previous, seeder, completedEvent);
                meta[i] = m | (previous & COMPLETED) | (completes ? COMPLETED : 0); // and no longer STOPPED
                lastSlot = i;
                return previous;
            }
            if (sameAddress >= perAddress) {
                lastSlot = -1;
                return REFUSED;
            }
        }
        if (room <= 0 || perAddress <= 0) {
            lastSlot = -1;
            return REFUSED;
        }
        if (keys == null || (size + 1) * 4 > (mask + 1) * 3) {
            resize(keys == null ? MIN_CAPACITY : (mask + 1) * 2);
        }
        int i = ~find(a, b, c);
        setKey(i, a, b, c);
        meta[i] = m;
        downloadedKib[i] = 0;
        lastSlot = i;
        size++;
        return -1;
    }

    /**
     * Takes the {@code downloaded} figure of the peer {@link #put} just added or refreshed, and
     * returns the KiB it grew by since its last announce. BEP 3: {@code downloaded} counts from the
     * {@code started} event, so a session the tracker sees start counts whole: a {@code started}
     * announce from a peer new to the table, or from a known peer whose figure went down (its
     * client restarted). A peer first seen in the middle of a session (after a restart of the
     * tracker, or an expiry: what it reports may have been counted already), or whose figure went
     * down without a {@code started}, counts nothing: its figure becomes the baseline. Nothing after
     * a refusal.
     *
     * @param kib     the figure in KiB, already capped by the caller
     * @param joins   whether the peer is new to the table (or back after stopping)
     * @param started whether the announce is a {@code started} event
     */
    long download(int kib, boolean joins, boolean started) {
        if (lastSlot < 0) {
            return 0;
        }
        long before = Integer.toUnsignedLong(downloadedKib[lastSlot]);
        long now = Integer.toUnsignedLong(kib);
        downloadedKib[lastSlot] = kib;
        if (joins || now < before) {
            return started ? now : 0;
        }
        return now - before;
    }

    /**
     * Whether an announce finishes a download that counts: a {@code completed} event from a peer
     * the swarm knows as a leecher, that now announces as a seeder, and whose download was not
     * counted before. A repeated event, one from a seeder, one with bytes left, one from a peer never
     * seen leeching, or a second one after stopping and starting again does not count.
     *
     * @param previous what {@link #put} returned
     */
    static boolean completes(int previous, boolean seeder, boolean completedEvent) {
        return completedEvent && seeder && previous != -1 && previous != REFUSED
                && (previous & (SEEDER | COMPLETED | STOPPED)) == 0;
    }

    /**
     * Takes a peer out of the swarm, keeping its slot as {@link #STOPPED} if its download was
     * counted; returns its meta, or -1 if it was absent or already stopped. A {@code stopped}
     * announce carries the session's final {@code downloaded}: its growth is left for
     * {@link #stoppedGrowth}.
     *
     * @param kib the announce's {@code downloaded} in KiB, already capped by the caller
     */
    int stop(long a, long b, long c, int now, int kib) {
        stoppedGrowth = 0;
        if (keys == null) {
            return -1;
        }
        int i = find(a, b, c);
        if (i < 0 || (meta[i] & STOPPED) != 0) {
            return -1;
        }
        long before = Integer.toUnsignedLong(downloadedKib[i]);
        stoppedGrowth = Math.max(0, Integer.toUnsignedLong(kib) - before);
        int previous = meta[i];
        if ((previous & COMPLETED) != 0) {
            meta[i] = now | COMPLETED | STOPPED;
        } else {
            delete(i);
        }
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
            if (!empty(i) && (meta[i] & SECONDS) < cutoff) {
                if ((meta[i] & STOPPED) == 0) {
                    counts[(meta[i] & SEEDER) != 0 ? 0 : 1]++;
                }
                delete(i); // a later entry may shift into slot i: look at it again
            } else {
                i++;
            }
        }
        if (size == 0) {
            keys = null;
            meta = null;
            downloadedKib = null;
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
     * At most {@value #SCAN_PER_PEER} slots per peer wanted are read, so a seeder's answer in a swarm
     * of seeders costs a bounded scan under the shard lock rather than the whole table (it may then
     * hold fewer leechers than exist; the leechers' own answers list the seeders).
     *
     * @param first the position in {@code out} to write the first peer at (peers already there stay)
     * @return the number of peers written
     */
    int select(long a, long b, long c, boolean skipSeeders, int max, byte[] out, int first, RandomGenerator random) {
        if (keys == null || max <= 0) {
            return 0;
        }
        int capacity = mask + 1;
        int slot = random.nextInt(capacity);
        int n = 0;
        int budget = Math.min(capacity, SCAN_FLOOR + SCAN_PER_PEER * max);
        for (int visited = 0; visited < budget && n < max; visited++, slot = (slot + 1) & mask) {
            if (empty(slot) || (meta[slot] & STOPPED) != 0 || (skipSeeders && (meta[slot] & SEEDER) != 0)
                    || isKey(slot, a, b, c)) {
                continue;
            }
            write(slot, out, first + n++);
        }
        return n;
    }

    /**
     * Writes every listed peer (not the stopped ones) into {@code out} as a {@link ChangeLog} change
     * without an event, for a member that joins the cluster; {@code out} must hold
     * {@link ChangeLog#BYTES} per peer.
     */
    void export(HashKey key, ByteBuffer out) {
        for (int slot = 0; keys != null && slot <= mask; slot++) {
            if (!empty(slot) && (meta[slot] & STOPPED) == 0) {
                int base = slot * width;
                ChangeLog.write(out, key, width != 1, keys[base], width == 1 ? 0 : keys[base + 1],
                        width == 1 ? 0 : keys[base + 2], (meta[slot] & SEEDER) != 0, Event.NONE, downloadedKib[slot]);
            }
        }
    }

    /** KiB the last {@link #stop} counted: the growth of the stopped peer's final figure. */
    long stoppedGrowth() {
        return stoppedGrowth;
    }

    private long stoppedGrowth;

    /** Heap bytes of the arrays, for the memory figure. */
    long arrayBytes() {
        return keys == null ? 0 : 16 + 8L * keys.length + 2 * (16 + 4L * meta.length);
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

    /** Set by {@link #findCounting} on a miss: peers of the key's address in the table. */
    private int sameAddress;

    /**
     * As {@link #find}, and on a miss leaves in {@link #sameAddress} how many peers of the same
     * address the probe run holds: all of them, as they share its home.
     */
    private int findCounting(long a, long b, long c) {
        int i = home(a, b, c);
        int same = 0;
        while (!empty(i)) {
            if (isKey(i, a, b, c)) {
                return i;
            }
            if (sameAddress(i, a)) {
                same++;
            }
            i = (i + 1) & mask;
        }
        sameAddress = same;
        return ~i;
    }

    private boolean sameAddress(int slot, long a) {
        long k = keys[slot * width];
        return width == 1 ? k >>> 16 == a >>> 16 : k == a;
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
        int[] oldDownloaded = downloadedKib;
        int oldCapacity = mask + 1;
        keys = new long[capacity * width];
        meta = new int[capacity];
        downloadedKib = new int[capacity];
        mask = capacity - 1;
        lastSlot = -1;
        for (int s = 0; s < oldCapacity; s++) {
            int base = s * width;
            if (oldKeys[base + width - 1] != 0) {
                long a = oldKeys[base];
                long b = width == 1 ? 0 : oldKeys[base + 1];
                long c = width == 1 ? 0 : oldKeys[base + 2];
                int i = ~find(a, b, c);
                setKey(i, a, b, c);
                meta[i] = oldMeta[s];
                downloadedKib[i] = oldDownloaded[s];
            }
        }
    }

    /** By address alone (IPv4 without the port, IPv6 by its /64): see the class comment. */
    private int home(long a, long b, long c) {
        long address = width == 1 ? a >>> 16 : a;
        long h = (address ^ address >>> 29) * 0x9E3779B97F4A7C15L;
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
        downloadedKib[to] = downloadedKib[from];
    }

    private void clear(int slot) {
        for (int k = 0; k < width; k++) {
            keys[slot * width + k] = 0;
        }
        meta[slot] = 0;
        downloadedKib[slot] = 0;
    }
}
