package org.seedcast.tracker.unknown;

import java.util.ArrayList;
import java.util.List;

/**
 * Space-Saving heavy hitters over {@code long} keys with a handful of counters: a new key takes the
 * smallest counter's place and inherits its count, so any key seen more than n/k times is kept.
 *
 * @see <a href="https://www.cs.ucsb.edu/sites/default/files/documents/2005-23.pdf">Metwally et al., Space-Saving</a>
 */
final class TopK {

    private final long[] keys;
    private final long[] counts;

    TopK(int k) {
        keys = new long[k];
        counts = new long[k];
    }

    void add(long key) {
        int smallest = 0;
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] != 0 && keys[i] == key) {
                counts[i]++;
                return;
            }
            if (counts[i] < counts[smallest]) {
                smallest = i;
            }
        }
        keys[smallest] = key;
        counts[smallest]++;
    }

    /** Keys and their (over-)estimated counts, largest first. */
    List<long[]> top() {
        List<long[]> out = new ArrayList<>();
        for (int i = 0; i < keys.length; i++) {
            if (counts[i] > 0) {
                out.add(new long[] {keys[i], counts[i]});
            }
        }
        out.sort((a, b) -> Long.compare(b[1], a[1]));
        return out;
    }
}
