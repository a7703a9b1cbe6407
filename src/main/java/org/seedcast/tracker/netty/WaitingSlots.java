package org.seedcast.tracker.netty;

import java.util.Arrays;

/**
 * The ring listener's connections waiting for a request head, oldest first: the one shed at
 * capacity is the {@link #oldest}. A list threaded through arrays indexed by slot, so joining and
 * leaving it allocate nothing and take constant time.
 */
final class WaitingSlots {

    private final int[] next;
    private final int[] previous;
    private final boolean[] waiting;
    private int first = -1;
    private int last = -1;

    WaitingSlots(int slots) {
        next = new int[slots];
        previous = new int[slots];
        waiting = new boolean[slots];
        Arrays.fill(next, -1);
        Arrays.fill(previous, -1);
    }

    /** The slot begins waiting now: it becomes the newest, wherever it was before. */
    void addNewest(int slot) {
        remove(slot);
        waiting[slot] = true;
        previous[slot] = last;
        next[slot] = -1;
        if (last >= 0) {
            next[last] = slot;
        } else {
            first = slot;
        }
        last = slot;
    }

    /** The slot no longer waits (answered, closed or shed); nothing when it did not. */
    void remove(int slot) {
        if (!waiting[slot]) {
            return;
        }
        waiting[slot] = false;
        int before = previous[slot];
        int after = next[slot];
        if (before >= 0) {
            next[before] = after;
        } else {
            first = after;
        }
        if (after >= 0) {
            previous[after] = before;
        } else {
            last = before;
        }
    }

    /** The slot that has waited longest; -1 when none waits. */
    int oldest() {
        return first;
    }
}
