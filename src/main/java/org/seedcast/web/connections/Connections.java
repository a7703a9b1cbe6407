package org.seedcast.web.connections;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BooleanSupplier;

import org.apache.coyote.Processor;
import org.apache.tomcat.util.net.AbstractEndpoint.Handler.SocketState;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.seedcast.network.AddressKeys;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * The web port's open connections under {@link ConnectionRules}: counted per address and in total,
 * and those waiting for a request head kept in the order they began waiting (at accept, or when the
 * answer before ended on a kept connection). A connection leaves that list once its head is complete
 * (its request is being served) and joins its end again when the answer is done. The first of the
 * list is therefore the one to shed at capacity, and the expired ones are at its front.
 * <p>
 * A connection is closed by whoever sheds it (the acceptor at capacity, the sweep at its deadline)
 * only while holding the lock Tomcat holds to process it, taken without waiting: one being processed
 * at that moment is not idle and is left alone; the sweep looks again shortly.
 */
final class Connections {

    /** The connection a Tomcat worker is processing on this thread, for {@link #serving}. */
    static final ThreadLocal<Connection> PROCESSING = new ThreadLocal<>();

    private final int capacity;
    private final int perAddress;
    private final long headNanos;
    private final List<IpAddressMatcher> proxies;
    private final Map<SocketChannel, Connection> bySocket = new ConcurrentHashMap<>();
    private final Map<Long, Integer> openPerAddress = new HashMap<>();
    /** Connections waiting for a head, in the order they began waiting: the first has waited longest. */
    private final LinkedHashSet<Connection> waiting = new LinkedHashSet<>();
    private int live;
    private final Map<Closed, LongAdder> closed = new EnumMap<>(Closed.class);

    static final class Connection {
        final Connections owner;
        final SocketChannel socket;
        /** The per-address key; 0 for a proxy's connection, which is not counted per address. */
        final long address;
        volatile SocketWrapperBase<?> wrapper;
        long since;
        boolean serving;

        Connection(Connections owner, SocketChannel socket, long address) {
            this.owner = owner;
            this.socket = socket;
            this.address = address;
        }
    }

    Connections(ConnectionRules rules) {
        this.capacity = rules.maxConnections();
        this.perAddress = rules.maxConnectionsPerAddress();
        this.headNanos = rules.headTimeout().toNanos();
        this.proxies = rules.proxies().stream().map(IpAddressMatcher::new).toList();
        for (Closed reason : Closed.values()) {
            closed.put(reason, new LongAdder());
        }
    }

    int capacity() {
        return capacity;
    }

    long headNanos() {
        return headNanos;
    }

    /** Connections open now, as counted here. */
    synchronized int open() {
        return live;
    }

    /** Connections closed for {@code reason} since the start. */
    long closed(Closed reason) {
        return closed.get(reason).sum();
    }

    /** Counts a connection just accepted, waiting for its head from now; null when its address has its limit open. */
    Connection admit(SocketChannel socket) throws IOException {
        long key = socket.getRemoteAddress() instanceof InetSocketAddress remote ? key(remote.getAddress()) : 0;
        synchronized (this) {
            if (key != 0 && openPerAddress.getOrDefault(key, 0) >= perAddress) {
                closed.get(Closed.ADDRESS_LIMIT).increment();
                return null;
            }
            if (key != 0) {
                openPerAddress.merge(key, 1, Integer::sum);
            }
            Connection connection = new Connection(this, socket, key);
            bySocket.put(socket, connection);
            live++;
            waitFromNow(connection);
            return connection;
        }
    }

    /** The connection of a Tomcat socket wrapper, if it is counted here. */
    Connection of(SocketWrapperBase<?> wrapper) {
        SocketChannel socket = wrapper.getSocket() instanceof NioChannel channel ? channel.getIOChannel() : null;
        Connection connection = socket == null ? null : bySocket.get(socket);
        if (connection != null && connection.wrapper == null) {
            connection.wrapper = wrapper;
        }
        return connection;
    }

    /** The connection is closed (or never got going): it no longer counts. */
    synchronized void forget(SocketChannel socket) {
        Connection connection = socket == null ? null : bySocket.get(socket);
        if (connection != null) {
            uncount(connection);
            notifyAll();
        }
    }

    /** On a Tomcat worker: the head of the request it processes is complete (see {@link #serving}). */
    static void headComplete() {
        Connection connection = PROCESSING.get();
        if (connection != null) {
            connection.owner.serving(connection);
        }
    }

    /** The request head is complete: the request is being served, no deadline of this class applies. */
    synchronized void serving(Connection connection) {
        waiting.remove(connection);
        connection.serving = true;
    }

    /**
     * Tomcat has processed the connection and answered {@code state}. Once an answer is done and the
     * connection stays open ({@code OPEN}, or {@code LONG} for the next head begun but incomplete),
     * it waits for a head from now. {@code LONG} with an asynchronous or upgraded request is still serving.
     */
    synchronized void processed(Connection connection, SocketState state, Object processor) {
        boolean idle = state == SocketState.OPEN || state == SocketState.LONG
                && !(processor instanceof Processor p && (p.isAsync() || p.isUpgrade()));
        if (idle && connection.serving && bySocket.get(connection.socket) == connection) {
            connection.serving = false;
            waitFromNow(connection);
            notifyAll();
        }
    }

    /**
     * Blocks the acceptor while the port is full and every connection is being served: there is none
     * to shed, and the newcomer waits in the kernel's queue as it would for Tomcat's own limit.
     */
    synchronized void awaitRoom(BooleanSupplier stopping) throws InterruptedException {
        while (live >= capacity && waiting.isEmpty() && !stopping.getAsBoolean()) {
            wait(100);
        }
    }

    /** Over capacity, closes the connections that have waited longest for a head. */
    void shedOverCapacity() {
        List<Connection> shed = new ArrayList<>();
        synchronized (this) {
            for (Iterator<Connection> it = waiting.iterator(); it.hasNext() && live > capacity; ) {
                take(it, it.next(), shed);
            }
        }
        closed.get(Closed.SHED).add(shed.size());
        close(shed);
    }

    /** Closes the connections whose head is later than the deadline. */
    void closeExpired() {
        List<Connection> shed = new ArrayList<>();
        long now = System.nanoTime();
        synchronized (this) {
            for (Iterator<Connection> it = waiting.iterator(); it.hasNext(); ) {
                Connection c = it.next();
                if (now - c.since < headNanos) {
                    break;
                }
                take(it, c, shed);
            }
        }
        closed.get(Closed.HEAD_TIMEOUT).add(shed.size());
        close(shed);
    }

    /**
     * Takes {@code c}, the iterator's last, out of the count if no Tomcat thread is processing it (its
     * lock then stays held until it is closed); one being processed is left.
     */
    private void take(Iterator<Connection> it, Connection c, List<Connection> shed) {
        SocketWrapperBase<?> wrapper = c.wrapper;
        if (wrapper != null && wrapper.getLock().tryLock()) {
            it.remove();
            uncount(c);
            shed.add(c);
        }
    }

    private static void close(List<Connection> shed) {
        for (Connection c : shed) {
            try {
                c.wrapper.close();
            } finally {
                c.wrapper.getLock().unlock();
            }
        }
    }

    private void uncount(Connection connection) {
        bySocket.remove(connection.socket);
        waiting.remove(connection);
        live--;
        if (connection.address != 0) {
            openPerAddress.computeIfPresent(connection.address, (k, n) -> n <= 1 ? null : n - 1);
        }
    }

    /** The connection waits for a head from now: it goes to the end of the list. */
    private void waitFromNow(Connection c) {
        waiting.remove(c);
        c.since = System.nanoTime();
        waiting.add(c);
    }

    /** The address's key ({@link AddressKeys}); 0 for a proxy, whose connections are not counted per address. */
    private long key(InetAddress address) {
        String text = address.getHostAddress();
        if (proxies.stream().anyMatch(proxy -> proxy.matches(text))) {
            return 0;
        }
        return AddressKeys.of(address);
    }
}
