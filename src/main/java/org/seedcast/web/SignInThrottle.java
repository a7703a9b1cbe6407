package org.seedcast.web;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Failed sign-ins per user name and per client address, as leaky buckets: a failure adds one to
 * both, one drains every {@code forgiveOneEvery}. A full bucket refuses further attempts before a
 * password is checked, so guessing costs no bcrypt and a sprayer gets nowhere. The buckets live in
 * PostgreSQL ({@code sign_in_failures}), so the limits hold across all web nodes: an attacker
 * spreading guesses over N nodes gets no more than on one. Each call is one statement on its own
 * (a read of two rows by primary key before the password is checked, an upsert after a failure),
 * atomic in the database, with no lock held in Java around it; next to the bcrypt check it guards,
 * it costs nothing. Drained rows are deleted at most once a drain interval, so the table holds only
 * the buckets that still count.
 */
final class SignInThrottle {

    private static final int MAX_KEY_LENGTH = 100;
    private static final String USER = "u";
    private static final String ADDRESS = "a";

    private final int maxPerUser;
    private final int maxPerAddress;
    private final long drainMillis;
    private final Clock clock;
    private final JdbcClient jdbc;
    private final AtomicLong lastPurge = new AtomicLong();

    private record Bucket(String kind, double level, long at) {

        double levelAt(long now, long drainMillis) {
            return Math.max(0, level - (double) Math.max(0, now - at) / drainMillis);
        }
    }

    SignInThrottle(int maxPerUser, int maxPerAddress, Duration forgiveOneEvery, Clock clock, JdbcClient jdbc) {
        if (maxPerUser < 1 || maxPerAddress < 1 || forgiveOneEvery.toMillis() < 1) {
            throw new IllegalArgumentException("sign-in limits must be positive");
        }
        this.maxPerUser = maxPerUser;
        this.maxPerAddress = maxPerAddress;
        this.drainMillis = forgiveOneEvery.toMillis();
        this.clock = clock;
        this.jdbc = jdbc;
    }

    /** How long {@code user} from {@code address} must wait before a password is checked; zero when not throttled. */
    Duration wait(String user, String address) {
        long now = clock.millis();
        List<Bucket> buckets = jdbc.sql("select kind, level, at_millis from sign_in_failures"
                        + " where (kind = 'u' and key = :user) or (kind = 'a' and key = :address)")
                .param("user", key(user)).param("address", key(address))
                .query((rs, n) -> new Bucket(rs.getString(1), rs.getDouble(2), rs.getLong(3))).list();
        Duration longest = Duration.ZERO;
        for (Bucket bucket : buckets) {
            Duration wait = waitOf(bucket, USER.equals(bucket.kind()) ? maxPerUser : maxPerAddress, now);
            longest = wait.compareTo(longest) > 0 ? wait : longest;
        }
        return longest;
    }

    void failed(String user, String address) {
        long now = clock.millis();
        purgeDrained(now);
        add(USER, key(user), now);
        add(ADDRESS, key(address), now);
    }

    /** The right password: the user name's failures are forgotten (its address's are not, or a sprayer could reset them). */
    void succeeded(String user) {
        jdbc.sql("delete from sign_in_failures where kind = 'u' and key = :key").param("key", key(user)).update();
    }

    /** Buckets the database holds (drained ones included until the next purge). */
    int tracked() {
        return jdbc.sql("select count(*) from sign_in_failures").query(Integer.class).single();
    }

    private Duration waitOf(Bucket bucket, int max, long now) {
        double over = bucket.levelAt(now, drainMillis) - (max - 1);
        return over <= 0 ? Duration.ZERO : Duration.ofMillis((long) Math.ceil(over * drainMillis));
    }

    /** Drains the bucket to now and adds one, in one statement: two nodes adding at once both count. */
    private void add(String kind, String key, long now) {
        jdbc.sql("""
                        insert into sign_in_failures (kind, key, level, at_millis) values (:kind, :key, 1, :now)
                        on conflict (kind, key) do update set
                          level = greatest(0, sign_in_failures.level
                                  - greatest(0, excluded.at_millis - sign_in_failures.at_millis)::float8 / :drain) + 1,
                          at_millis = greatest(sign_in_failures.at_millis, excluded.at_millis)""")
                .param("kind", kind).param("key", key).param("now", now).param("drain", drainMillis).update();
    }

    /** At most once a drain interval per node: a bucket that drained counts for nothing. */
    private void purgeDrained(long now) {
        long last = lastPurge.get();
        if (now - last < drainMillis || !lastPurge.compareAndSet(last, now)) {
            return;
        }
        jdbc.sql("delete from sign_in_failures where level - greatest(0, :now - at_millis)::float8 / :drain <= 0")
                .param("now", now).param("drain", drainMillis).update();
    }

    private static String key(String value) {
        String key = value == null ? "" : value.toLowerCase(Locale.ROOT);
        return key.length() <= MAX_KEY_LENGTH ? key : key.substring(0, MAX_KEY_LENGTH);
    }
}
