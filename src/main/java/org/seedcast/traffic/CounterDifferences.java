package org.seedcast.traffic;

import java.util.HashMap;
import java.util.Map;

/**
 * Turns counters that only grow (cumulative since their process started) into growth per reading.
 * A counter lower than at the last reading restarted from zero (its process, or its owner forgot
 * and re-created it), so all of its value is new; a counter that disappeared is forgotten. A counter
 * that restarts and grows past its last reading within one interval is undercounted by that
 * reading: nothing in a bare number tells it apart from growth, and the interval keeps it rare.
 */
final class CounterDifferences<K> {

    private final Map<K, Long> last = new HashMap<>();

    /** The growth since the last {@code advance}, which now becomes the reference. */
    Map<K, Long> advance(Map<K, Long> cumulative) {
        Map<K, Long> growth = peek(cumulative);
        last.clear();
        last.putAll(cumulative);
        return growth;
    }

    /** The growth since the last {@code advance}, leaving the reference as it is. */
    Map<K, Long> peek(Map<K, Long> cumulative) {
        Map<K, Long> growth = new HashMap<>();
        cumulative.forEach((key, now) -> {
            long before = last.getOrDefault(key, 0L);
            long grew = now >= before ? now - before : now;
            if (grew > 0) {
                growth.put(key, grew);
            }
        });
        return growth;
    }
}
