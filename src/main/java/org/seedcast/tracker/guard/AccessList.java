package org.seedcast.tracker.guard;

import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.seedcast.tracker.protocol.HashKey;

/**
 * The publisher's trackable info-hashes (v1, and v2 truncated to 20 bytes) and the foreign hashes
 * an admin blocked: immutable sets behind volatile references, replaced whole on every change.
 * Readers never lock (opentracker calls a lock here "the most contested mutex"); writers, rare
 * publish and withdraw events, copy and swap under this object's monitor.
 */
public final class AccessList {

    public enum Verdict { TRACKED, BLOCKED, UNKNOWN }

    private volatile Set<HashKey> trackable = Set.of();
    private volatile Set<HashKey> blocked = Set.of();

    public Verdict verdict(HashKey key) {
        if (trackable.contains(key)) {
            return Verdict.TRACKED;
        }
        return blocked.contains(key) ? Verdict.BLOCKED : Verdict.UNKNOWN;
    }

    public boolean tracked(HashKey key) {
        return trackable.contains(key);
    }

    public synchronized void replaceTrackable(Collection<HashKey> keys) {
        trackable = Set.copyOf(keys);
    }

    public synchronized void allow(Collection<HashKey> keys) {
        Set<HashKey> next = new HashSet<>(trackable);
        next.addAll(keys);
        trackable = Set.copyOf(next);
    }

    public synchronized void disallow(Collection<HashKey> keys) {
        Set<HashKey> next = new HashSet<>(trackable);
        next.removeAll(keys);
        trackable = Set.copyOf(next);
    }

    public synchronized void block(HashKey key) {
        Set<HashKey> next = new HashSet<>(blocked);
        next.add(key);
        blocked = Set.copyOf(next);
    }

    /** The blocked hashes as the database holds them, after another node changed them. */
    public synchronized void replaceBlocked(Collection<HashKey> keys) {
        blocked = Set.copyOf(keys);
    }

    public synchronized void unblock(HashKey key) {
        Set<HashKey> next = new HashSet<>(blocked);
        next.remove(key);
        blocked = Set.copyOf(next);
    }

    public Set<HashKey> trackable() {
        return trackable;
    }

    public Set<HashKey> blocked() {
        return blocked;
    }
}
