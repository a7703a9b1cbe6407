package org.seedcast.database;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Pattern;

import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Changes one node made, told to every node on the same PostgreSQL with {@code NOTIFY}: the modules
 * keep what they hold in memory (the tracker's access list and bans, page and feed caches) current
 * when another machine changes the catalog or the tracker's rules.
 * <p>
 * {@link #send} runs {@code pg_notify} in the caller's transaction when there is one, and PostgreSQL
 * delivers it only when that transaction commits (never for a rollback), so a receiver always reads
 * the committed state. One connection of its own, outside the pool, {@code LISTEN}s on one thread,
 * which blocks in the driver until something arrives and runs the subscribers there, in the order
 * sent; every node receives what it sent as well, marked as its own. A notification is not stored:
 * while the connection is down what is sent is lost, so after reconnecting every subscriber hears
 * {@link Subscriber#missed()} and reloads what it keeps.
 */
public final class Notifications implements SmartLifecycle {

    /** What a module does on a notification; runs on the listening thread, which it should not hold long. */
    public interface Subscriber {

        /** {@code payload} was sent on the topic; {@code ownNode} when this node sent it. */
        void received(String payload, boolean ownNode);

        /** The connection was lost and is back: notifications may have been missed meanwhile. */
        default void missed() {
        }
    }

    private static final Logger log = LoggerFactory.getLogger(Notifications.class);
    private static final Pattern TOPIC = Pattern.compile("[a-z][a-z_]{0,39}");
    private static final String CHANNEL_PREFIX = "seedcast_";
    /** Without a notification for this long, a query proves that the connection still works. */
    private static final int IDLE_CHECK_MILLIS = 15_000;
    private static final long MAX_RETRY_MILLIS = 10_000;
    /** PostgreSQL's limit is 8000 bytes; ASCII payloads stay well under it. */
    private static final int MAX_PAYLOAD = 7_900;

    private final JdbcClient jdbc;
    private final JdbcConnectionDetails connection;
    private final String node = HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
    private final Map<String, List<Subscriber>> subscribers = new ConcurrentHashMap<>();
    private volatile boolean running;
    private volatile Thread listener;
    private volatile Connection listening;

    Notifications(JdbcClient jdbc, JdbcConnectionDetails connection) {
        this.jdbc = jdbc;
        this.connection = connection;
    }

    /**
     * Tells every node about a change: within the caller's transaction when there is one (delivered
     * once it commits), at once otherwise. Nothing is sent from the listening thread: what a node
     * does because of another node's change is no news to the others, and relaying it would echo.
     */
    public void send(String topic, String payload) {
        if (Thread.currentThread() == listener) {
            return;
        }
        String message = node + " " + payload;
        if (message.length() > MAX_PAYLOAD) {
            throw new IllegalArgumentException("a notification carries at most " + MAX_PAYLOAD + " characters");
        }
        jdbc.sql("select pg_notify(:channel, :message)").param("channel", channel(topic)).param("message", message)
                .query().singleValue();
    }

    /** Adds a subscriber to a topic; before the application starts, so that nothing is missed. */
    public synchronized void subscribe(String topic, Subscriber subscriber) {
        if (running) {
            throw new IllegalStateException("subscribe before the application starts");
        }
        subscribers.computeIfAbsent(channel(topic), c -> new CopyOnWriteArrayList<>()).add(subscriber);
    }

    private static String channel(String topic) {
        if (!TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("a topic is a short lower-case word: " + topic);
        }
        return CHANNEL_PREFIX + topic;
    }

    /**
     * Connects and listens before anything loads the state it keeps (the tracker and the seed start
     * later), so no change falls between a load and the first notification. A database that is down
     * at start does not hold the application up: the thread keeps trying, and its subscribers hear
     * {@link Subscriber#missed()} once it is through.
     */
    @Override
    public synchronized void start() {
        running = true;
        boolean connected = connect();
        Thread thread = new Thread(() -> listen(connected), "seedcast-notifications");
        thread.setDaemon(true);
        listener = thread;
        thread.start();
    }

    /** Before the tracker's and the seed's lifecycles (default phase), which load what they keep. */
    @Override
    public int getPhase() {
        return 0;
    }

    private boolean connect() {
        try {
            Properties properties = new Properties();
            if (connection.getUsername() != null) {
                properties.setProperty("user", connection.getUsername());
            }
            if (connection.getPassword() != null) {
                properties.setProperty("password", connection.getPassword());
            }
            properties.setProperty("tcpKeepAlive", "true");
            properties.setProperty("socketTimeout", Integer.toString(2 * IDLE_CHECK_MILLIS / 1000));
            properties.setProperty("ApplicationName", "seedcast notifications");
            Connection c = new org.postgresql.Driver().connect(connection.getJdbcUrl(), properties);
            if (c == null) {
                throw new SQLException("not a PostgreSQL URL: " + connection.getJdbcUrl());
            }
            try (Statement statement = c.createStatement()) {
                for (String channel : subscribers.keySet()) {
                    statement.execute("listen " + channel);
                }
            }
            listening = c;
            return true;
        } catch (SQLException e) {
            log.warn("cannot listen for other nodes' changes yet, retrying: {}", e.toString());
            return false;
        }
    }

    private void listen(boolean connected) {
        long retry = 500;
        boolean failing = !connected;
        while (running) {
            if (listening == null) {
                sleep(retry);
                retry = Math.min(2 * retry, MAX_RETRY_MILLIS);
                if (!running || !connect()) {
                    continue;
                }
                retry = 500;
                if (failing) {
                    log.info("listening for other nodes' changes again");
                }
                failing = false;
                forEachSubscriber(Subscriber::missed);
            }
            try {
                PGNotification[] received = listening.unwrap(PGConnection.class).getNotifications(IDLE_CHECK_MILLIS);
                if (received == null || received.length == 0) {
                    try (Statement statement = listening.createStatement()) {
                        statement.execute("select 1");
                    }
                } else {
                    for (PGNotification notification : received) {
                        deliver(notification.getName(), notification.getParameter());
                    }
                }
            } catch (SQLException e) {
                if (running) {
                    log.warn("lost the connection that listens for other nodes' changes, reconnecting: {}", e.toString());
                    failing = true;
                }
                close();
            }
        }
        close();
    }

    private void deliver(String channel, String message) {
        int space = message.indexOf(' ');
        boolean own = space > 0 && message.substring(0, space).equals(node);
        String payload = space < 0 ? message : message.substring(space + 1);
        for (Subscriber subscriber : subscribers.getOrDefault(channel, List.of())) {
            try {
                subscriber.received(payload, own);
            } catch (RuntimeException e) {
                log.warn("a subscriber to {} failed on '{}'", channel, payload, e);
            }
        }
    }

    private void forEachSubscriber(java.util.function.Consumer<Subscriber> call) {
        subscribers.values().forEach(list -> list.forEach(subscriber -> {
            try {
                call.accept(subscriber);
            } catch (RuntimeException e) {
                log.warn("a subscriber failed to catch up with missed changes", e);
            }
        }));
    }

    private void close() {
        Connection c = listening;
        listening = null;
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // it is being dropped anyway
            }
        }
    }

    private void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public synchronized void stop() {
        running = false;
        Thread thread = listener;
        if (thread != null) {
            thread.interrupt();
            close();
            try {
                thread.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        listener = null;
    }

    @Override
    public boolean isRunning() {
        return running;
    }
}
