package org.seedcast.web;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Failed sign-ins per user name and per client address, as leaky buckets: a failure adds one to
 * both, one drains every {@code forgiveOneEvery}. A full bucket refuses further attempts before a
 * password is checked, so guessing costs no bcrypt and a sprayer gets nowhere. In memory, lock-free
 * per key, and bounded: when the table is full, buckets that drained are forgotten first, and a new
 * key that still finds no room is not tracked (its address bucket still is).
 */
final class SignInThrottle {

    static final int MAX_TRACKED = 100_000;
    private static final int MAX_KEY_LENGTH = 100;

    private final int maxPerUser;
    private final int maxPerAddress;
    private final long drainMillis;
    private final Clock clock;
    private final Map<String, Bucket> users = new ConcurrentHashMap<>();
    private final Map<String, Bucket> addresses = new ConcurrentHashMap<>();
    private final AtomicLong lastPurge = new AtomicLong();

    private record Bucket(double level, long at) {

        double levelAt(long now, long drainMillis) {
            return Math.max(0, level - (double) (now - at) / drainMillis);
        }
    }

    SignInThrottle(int maxPerUser, int maxPerAddress, Duration forgiveOneEvery, Clock clock) {
        if (maxPerUser < 1 || maxPerAddress < 1 || forgiveOneEvery.toMillis() < 1) {
            throw new IllegalArgumentException("sign-in limits must be positive");
        }
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.drainMillis = forgiveOneEvery.toMillis();
        this.clock = clock;
    }

    /** How long {@code user} from {@code address} must wait before a password is checked; zero when not throttled. */
    Duration wait(String user, String address) {
        long now = clock.millis();
        return longest(waitOf(users.get(key(user)), maxPerUser, now), waitOf(addresses.get(key(address)), maxPerAddress, now));
    }

    void failed(String user, String address) {
        long now = clock.millis();
        purgeIfFull(now);
        add(users, key(user), now);
        add(addresses, key(address), now);
    }

    /** The right password: the user name's failures are forgotten (its address's are not, or a sprayer could reset them). */
    void succeeded(String user) {
        users.remove(key(user));
    }

    int tracked() {
        return users.size() + addresses.size();
    }

    private Duration waitOf(Bucket bucket, int max, long now) {
        if (bucket == null) {
            return Duration.ZERO;
        }
        double over = bucket.levelAt(now, drainMillis) - (max - 1);
        return over <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(over * drainMillis));
    }

    private void add(Map<String, Bucket> buckets, String key, long now) {
        if (buckets.size() >= MAX_TRACKED && !buckets.containsKey(key)) {
            return;
        }
        buckets.compute(key, (k, bucket) -> new Bucket(bucket == null ? 1 : bucket.levelAt(now, drainMillis) + 1, now));
    }

    /** At most once a drain interval, so a full table of live buckets does not make every failure a scan. */
    private void purgeIfFull(long now) {
        if (users.size() < MAX_TRACKED && addresses.size() < MAX_TRACKED) {
            return;
        }
        long last = lastPurge.get();
        if (now - last < drainMillis || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        users.values().removeIf(bucket -> bucket.levelAt(now, drainMillis) == 0);
        addresses.values().removeIf(bucket -> bucket.levelAt(now, drainMillis) == 0);
    }

    private static String key(String value) {
        String key = value == null ? "" : value.toLowerCase(Locale.ROOT);
        return key.length() <= MAX_KEY_LENGTH ? key : key.substring(0, MAX_KEY_LENGTH);
    }

    private static Duration longest(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
