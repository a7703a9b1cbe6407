package org.seedcast.tracker.unknown;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;
import org.seedcast.tracker.protocol.HashKey;

/**
 * Foreign info-hashes seen by the tracker, in a table that never holds more than its capacity:
 * when full, a new hash replaces the entry with the fewest announces among a few sampled ones
 * (oldest first on ties), so hashes announced often stay and one-off junk churns through. Each
 * entry costs a fixed ~400 bytes: first and last seen, announce count, a distinct-source sketch,
 * top sources and top client prefixes. Striped locks; one short critical section per request.
 * An evicted entry whose announces are not flushed yet is carried, in a bounded list beside the
 * table, until the next flush writes it (when that list is full too, the smaller of the two
 * unflushed counts is given up and counted in {@link #lostAnnounces()}).
 */
public final class UnknownTorrents {

    private static final int STRIPES = 16;
    private static final int SAMPLES = 8;

    private final Stripe[] stripes = new Stripe[STRIPES];
    private final LongAdder evictions = new LongAdder();
    private final LongAdder lost = new LongAdder();

    /** Sources whose requests were refused before being read (rate limit, ban): a flood's senders. */
    private final TopK refused = new TopK(16);

    private final int capacity;

    public UnknownTorrents(int capacity) {
        this.capacity = capacity;
        int perStripe = Math.max(SAMPLES, (capacity + STRIPES - 1) / STRIPES);
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new Stripe(perStripe, i, lost);
        }
    }

    /**
     * Counts one announce of a foreign hash.
     *
     * @param sourceKey    the source's address key (IPv4 address or IPv6 /64)
     * @param peerIdPrefix the first eight bytes of the peer id, or 0 when unknown (UDP scrape)
     */
    public void record(HashKey key, long sourceKey, long peerIdPrefix, long nowMillis) {
        Stripe stripe = stripes[key.low() & (STRIPES - 1)];
        synchronized (stripe) {
            Entry e = stripe.map.get(key);
            if (e == null) {
                e = stripe.insert(key, nowMillis, evictions);
            }
            e.lastSeen = nowMillis;
            e.announces++;
            e.sources.add(sourceKey);
            e.topSources.add(sourceKey);
            if (peerIdPrefix != 0) {
                e.clients.add(peerIdPrefix);
            }
        }
    }

    /**
     * Counts a request refused before it was read, by rate limit or ban. Such requests never name
     * their info-hash to us, so without this the sources of a flood would not show at all.
     */
    public void refused(long sourceKey) {
        synchronized (refused) {
            refused.add(sourceKey);
        }
    }

    /** The sources refused most often before their requests were read, with (over-)estimated counts. */
    public List<Sighting.Count> refusedSources() {
        List<long[]> top;
        synchronized (refused) {
            top = refused.top();
        }
        List<Sighting.Count> out = new ArrayList<>();
        for (long[] kc : top) {
            out.add(new Sighting.Count(sourceName(kc[0]), kc[1]));
        }
        return out;
    }

    /** Hashes the table holds at most. */
    public int capacity() {
        return capacity;
    }

    public int size() {
        int n = 0;
        for (Stripe s : stripes) {
            n += s.size;
        }
        return n;
    }

    public long evictions() {
        return evictions.sum();
    }

    /** Announces evicted unflushed and given up because the list carrying such entries was full. */
    public long lostAnnounces() {
        return lost.sum();
    }

    public List<Sighting> snapshot() {
        List<Sighting> all = new ArrayList<>();
        for (Stripe s : stripes) {
            synchronized (s) {
                for (int i = 0; i < s.size; i++) {
                    all.add(s.slots[i].sighting());
                }
            }
        }
        all.sort((a, b) -> Long.compare(b.announces(), a.announces()));
        return all;
    }

    /**
     * Entries with announces not yet flushed, including evicted ones carried until flushed (a hash
     * evicted and seen again may then appear twice, each with its own new announces).
     */
    public List<Sighting> unflushed() {
        List<Sighting> changed = new ArrayList<>();
        for (Stripe s : stripes) {
            synchronized (s) {
                for (int i = 0; i < s.size; i++) {
                    if (s.slots[i].unflushed() != 0) {
                        changed.add(s.slots[i].sighting());
                    }
                }
                for (Entry e : s.evicted) {
                    changed.add(e.sighting());
                }
            }
        }
        return changed;
    }

    /** Records that the given sightings' new announces are persisted. */
    public void markFlushed(List<Sighting> flushed) {
        for (Sighting f : flushed) {
            Stripe s = stripes[f.infoHash().low() & (STRIPES - 1)];
            synchronized (s) {
                Entry e = s.map.get(f.infoHash());
                if (e != null && e.firstSeen == f.firstSeenMillis()) {
                    e.flushed = Math.max(e.flushed, f.announces());
                }
                // an evicted entry no longer changes: once written, it is done
                s.evicted.removeIf(x -> x.key.equals(f.infoHash()) && x.firstSeen == f.firstSeenMillis()
                        && x.announces <= f.announces());
            }
        }
    }

    /** Forgets a hash (it was published, so it is no longer foreign). */
    public void forget(HashKey key) {
        Stripe s = stripes[key.low() & (STRIPES - 1)];
        synchronized (s) {
            Entry e = s.map.get(key);
            if (e != null) {
                s.remove(e);
            }
            s.evicted.removeIf(x -> x.key.equals(key));
        }
    }

    /** Printable client prefixes ({@code -qB4500-}) as text, anything else in hex. */
    static String clientName(long prefix) {
        byte[] b = ByteBuffer.allocate(8).putLong(prefix).array();
        boolean printable = true;
        for (byte c : b) {
            printable &= c >= 0x20 && c < 0x7F;
        }
        if (printable) {
            // Azureus style -XXnnnn- names the client; Shad0w style (M7-2-2--) too.
            return new String(b, StandardCharsets.US_ASCII);
        }
        return String.format("%016x", prefix);
    }

    static String sourceName(long key) {
        try {
            if ((key >>> 32) == 1) {
                return InetAddress.getByAddress(ByteBuffer.allocate(4).putInt((int) key).array()).getHostAddress();
            }
            return InetAddress.getByAddress(ByteBuffer.allocate(16).putLong(key).putLong(0).array())
                    .getHostAddress() + "/64";
        } catch (UnknownHostException e) {
            return Long.toHexString(key);
        }
    }

    private static final class Entry {
        final HashKey key;
        final long firstSeen;
        long lastSeen;
        long announces;
        long flushed;
        int slot;
        final DistinctCounter sources = new DistinctCounter();
        final TopK topSources = new TopK(4);
        final TopK clients = new TopK(4);

        Entry(HashKey key, long now) {
            this.key = key;
            this.firstSeen = now;
        }

        /** Announces counted since the last flush wrote this entry. */
        long unflushed() {
            return announces - flushed;
        }

        Sighting sighting() {
            return new Sighting(key, firstSeen, lastSeen, announces, unflushed(),
                    sources.estimate(), counts(topSources, true), counts(clients, false));
        }

        private static List<Sighting.Count> counts(TopK top, boolean sources) {
            List<Sighting.Count> out = new ArrayList<>();
            for (long[] kc : top.top()) {
                out.add(new Sighting.Count(sources ? sourceName(kc[0]) : clientName(kc[0]), kc[1]));
            }
            return out;
        }
    }

    private static final class Stripe {
        final HashMap<HashKey, Entry> map;
        final Entry[] slots;
        final SplittableRandom random;
        /** Evicted entries with unflushed announces, at most as many as the table holds. */
        final ArrayList<Entry> evicted = new ArrayList<>();
        final LongAdder lost;
        int size;

        Stripe(int capacity, int seed, LongAdder lost) {
            map = new HashMap<>(capacity * 2);
            slots = new Entry[capacity];
            random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L);
            this.lost = lost;
        }

        Entry insert(HashKey key, long now, LongAdder evictions) {
            if (size == slots.length) {
                Entry victim = victim();
                remove(victim);
                carry(victim);
                evictions.increment();
            }
            Entry e = new Entry(key, now);
            e.slot = size;
            slots[size++] = e;
            map.put(key, e);
            return e;
        }

        /**
         * Keeps an evicted entry until its announces are flushed; with the list full, a sampled
         * entry with fewer unflushed announces gives way, or else the evicted entry's are lost.
         */
        private void carry(Entry e) {
            long unflushed = e.unflushed();
            if (unflushed <= 0) {
                return;
            }
            if (evicted.size() < slots.length) {
                evicted.add(e);
                return;
            }
            int smallest = random.nextInt(evicted.size());
            for (int i = 1; i < SAMPLES; i++) {
                int j = random.nextInt(evicted.size());
                if (evicted.get(j).unflushed() < evicted.get(smallest).unflushed()) {
                    smallest = j;
                }
            }
            Entry other = evicted.get(smallest);
            long otherUnflushed = other.unflushed();
            if (otherUnflushed < unflushed) {
                evicted.set(smallest, e);
                lost.add(otherUnflushed);
            } else {
                lost.add(unflushed);
            }
        }

        private Entry victim() {
            Entry victim = slots[random.nextInt(size)];
            for (int i = 1; i < SAMPLES; i++) {
                Entry e = slots[random.nextInt(size)];
                if (e.announces < victim.announces
                        || e.announces == victim.announces && e.lastSeen < victim.lastSeen) {
                    victim = e;
                }
            }
            return victim;
        }

        void remove(Entry e) {
            map.remove(e.key);
            Entry last = slots[--size];
            slots[e.slot] = last;
            last.slot = e.slot;
            slots[size] = null;
        }
    }
}
