package org.seedcast.tracker.netty;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.IoEvent;
import io.netty.channel.IoEventLoop;
import io.netty.channel.IoRegistration;
import io.netty.channel.unix.FileDescriptor;
import io.netty.channel.unix.Socket;
import io.netty.channel.uring.IoUringIoEvent;
import io.netty.channel.uring.IoUringIoHandle;
import io.netty.channel.uring.IoUringIoOps;
import io.netty.util.concurrent.FastThreadLocal;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.Promise;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.guard.ConnectionLimiter;
import org.seedcast.tracker.protocol.Endpoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.seedcast.tracker.netty.LinuxAbi.EAGAIN;
import static org.seedcast.tracker.netty.LinuxAbi.ECONNABORTED;
import static org.seedcast.tracker.netty.LinuxAbi.EINTR;
import static org.seedcast.tracker.netty.LinuxAbi.EPERM;
import static org.seedcast.tracker.netty.LinuxAbi.EPROTO;
import static org.seedcast.tracker.netty.LinuxAbi.MSG_DONTWAIT;
import static org.seedcast.tracker.netty.LinuxAbi.MSG_MORE;
import static org.seedcast.tracker.netty.LinuxAbi.MSG_NOSIGNAL;
import static org.seedcast.tracker.netty.LinuxAbi.OP_ACCEPT;
import static org.seedcast.tracker.netty.LinuxAbi.OP_ASYNC_CANCEL;
import static org.seedcast.tracker.netty.LinuxAbi.OP_RECV;
import static org.seedcast.tracker.netty.LinuxAbi.OP_SEND;
import static org.seedcast.tracker.netty.LinuxAbi.SOCK_CLOEXEC;

/**
 * The tracker's HTTP on io_uring, without a Netty channel per connection. A tracker connection
 * lives for one request: accept, read the head, answer, close. Netty's channels pay for a general
 * connection on each (a channel, a pipeline, promises, and four system calls in their constructors:
 * {@code getsockname} twice, {@code getpeername}, {@code setsockopt}), more CPU than the request
 * itself. This listener instead drives the
 * connections itself on its event loop's ring, through Netty 4.2's public {@link IoUringIoHandle}
 * API: every step that waits is a queued operation, and a connection is a slot in a few arrays
 * and a block of native memory, with no object of its own.
 * <ul>
 * <li>{@code ACCEPT} on the listening socket (bound by Netty, which never reads from it), a few
 * outstanding at once, each writing the peer's address into its slot: no {@code getpeername}.</li>
 * <li>{@code RECV} into the slot; the head is answered by {@link HttpExchange}, like on Netty's
 * channels; the answer is copied into the slot and sent with {@code SEND}; then a plain
 * {@code close} (which sends the answer and the {@code FIN} in one segment, see {@link #send}), or
 * another {@code RECV} on a kept connection (a pipelined request already read is answered next).</li>
 * <li>A sweep closes connections whose request head is not complete by its deadline, and idle
 * ones (cancelling their pending operation); answers to addresses far over their budget wait in a
 * {@link Tarpit}.</li>
 * <li>The limits are those of Netty's channels: a connection from an address that already holds its
 * limit gets one receive of what has already arrived, without waiting ({@code MSG_DONTWAIT}); a
 * complete head is refused cheaply, anything else closed. At capacity, the connection that has
 * waited longest for its request head is shed for the newcomer.</li>
 * </ul>
 * Slots ({@link SlotMemory}) come in blocks, allocated as connections need them: the listener's
 * capacity (at most
 * {@value ListenerSettings#MAX_CONNECTIONS_PER_LOOP}), and one block more for connections being
 * accepted, refused or shed. Everything runs on the event loop's thread.
 */
final class RingHttpListener implements IoUringIoHandle {

    private static final Logger log = LoggerFactory.getLogger(RingHttpListener.class);

    private static final int MAX_SLOTS = ListenerSettings.MAX_CONNECTIONS_PER_LOOP + SlotMemory.BLOCK;
    /** Accepts kept outstanding: connections arriving together are taken in one pass. */
    private static final int ACCEPTS = 16;

    private static final byte FREE = 0;
    private static final byte ACCEPTING = 1;
    private static final byte RECEIVING = 2;
    private static final byte SENDING = 3;
    private static final byte HELD = 4;

    private final IoEventLoop loop;
    private final int listener;
    private final TrackerEngine engine;
    private final ConnectionLimiter connections;
    private final FastThreadLocal<Scratch> scratch;
    private final Tarpit<Integer> tarpit;
    private final long idleNanos;
    private final long headNanos;
    /** Connections held at most, not counting those being refused or shed. */
    private final int capacity;

    private final SlotMemory memory = new SlotMemory(MAX_SLOTS);
    private final byte[] state = new byte[MAX_SLOTS];
    private final int[] fd = new int[MAX_SLOTS];
    /** The pending operation's id, for cancelling it; 0 when none. */
    private final long[] pending = new long[MAX_SLOTS];
    private final long[] cancelled = new long[MAX_SLOTS];
    private final long[] lastRead = new long[MAX_SLOTS];
    /** When the connection began waiting for its current request head: its deadline's start. */
    private final long[] since = new long[MAX_SLOTS];
    /** Closed at its next completion, whatever it brings: shed, or past a deadline. */
    private final boolean[] doomed = new boolean[MAX_SLOTS];
    private final WaitingSlots waiting = new WaitingSlots(MAX_SLOTS);
    /** Connections admitted and not doomed: the ones {@link #capacity} bounds. */
    private int live;
    private final int[] received = new int[MAX_SLOTS];
    private final long[] sendFrom = new long[MAX_SLOTS];
    private final int[] sendLeft = new int[MAX_SLOTS];
    private final boolean[] keepAlive = new boolean[MAX_SLOTS];
    private final boolean[] admitted = new boolean[MAX_SLOTS];
    /** Answered 431 and reading the rest of the head only to drop it ({@link #linger}). */
    private final boolean[] lingering = new boolean[MAX_SLOTS];
    private final Endpoint[] remote = new Endpoint[MAX_SLOTS];
    private final ByteBuf[] large = new ByteBuf[MAX_SLOTS];
    private final byte[] carry = new byte[SlotMemory.REQUEST_SIZE];
    private int accepting;
    private int open;
    private boolean acceptPaused;
    private long lastAcceptWarning = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);

    private IoRegistration registration;
    private ScheduledFuture<?> sweep;
    private boolean stopping;
    private Promise<Void> stopped;

    RingHttpListener(IoEventLoop loop, int listener, TrackerEngine engine, ConnectionLimiter connections,
                     FastThreadLocal<Scratch> scratch, Duration idleTimeout, Duration headTimeout, int capacity,
                     int tarpitCapacity, long tarpitMillis) {
        this.loop = loop;
        this.listener = listener;
        this.engine = engine;
        this.connections = connections;
        this.scratch = scratch;
        this.idleNanos = idleTimeout.toNanos();
        this.headNanos = headTimeout.toNanos();
        this.capacity = Math.clamp(capacity, 1, ListenerSettings.MAX_CONNECTIONS_PER_LOOP);
        this.tarpit = new Tarpit<>(tarpitCapacity, tarpitMillis, this::answerHeld);
        Arrays.fill(fd, -1);
    }

    /** Registers with the event loop's ring and starts accepting. */
    void start() {
        registration = loop.register(this).syncUninterruptibly().getNow();
        long every = Math.max(TimeUnit.MILLISECONDS.toNanos(50), Math.min(idleNanos, headNanos) / 4);
        sweep = loop.scheduleWithFixedDelay(this::closeExpired, every, every, TimeUnit.NANOSECONDS);
        loop.execute(this::acceptMore);
    }

    /**
     * Stops accepting, cancels every pending operation and closes every connection; done once the
     * ring has reported all of them, after which the listening socket can be closed.
     */
    Future<Void> stop() {
        Promise<Void> done = loop.newPromise();
        loop.execute(() -> {
            if (stopped == null) {
                stopped = done;
                beginStop();
            } else {
                stopped.addListener(f -> done.trySuccess(null));
            }
        });
        return done;
    }

    private void beginStop() {
        stopping = true;
        for (int slot = 0; slot < memory.allocated(); slot++) {
            switch (state[slot]) {
                case ACCEPTING, RECEIVING, SENDING -> cancel(slot);
                case HELD -> close(slot);
                default -> { }
            }
        }
        finishIfIdle();
    }

    private void finishIfIdle() {
        if (stopping && open == 0 && accepting == 0) {
            if (sweep != null) {
                sweep.cancel(false);
            }
            if (registration != null) {
                registration.cancel();
            }
            if (stopped != null) {
                stopped.trySuccess(null);
            }
        }
    }

    /** Called by Netty when the event loop shuts down with the listener still registered. */
    @Override
    public void close() {
        if (!stopping) {
            beginStop();
        }
    }

    @Override
    public void handle(IoRegistration registration, IoEvent event) {
        IoUringIoEvent completion = (IoUringIoEvent) event;
        int slot = completion.data() & 0xFFFF;
        int res = completion.res();
        try {
            switch (completion.opcode()) {
                case OP_ACCEPT -> accepted(slot, res);
                case OP_RECV -> received(slot, res);
                case OP_SEND -> sent(slot, res);
                default -> { } // a cancellation: what it cancelled completes on its own
            }
        } catch (RuntimeException e) {
            log.warn("tracker HTTP connection failed", e);
            byte s = state[slot];
            if (pending[slot] != 0) {
                cancel(slot); // its completion closes it
            } else if (s == RECEIVING || s == SENDING || s == HELD) {
                close(slot);
            }
        }
    }

    private void acceptMore() {
        acceptPaused = false;
        while (!stopping && accepting < ACCEPTS) {
            int slot = takeSlot();
            if (slot < 0) {
                return; // every slot busy: the kernel's accept queue holds the rest until one frees
            }
            memory.prepareAccept(slot);
            state[slot] = ACCEPTING;
            accepting++;
            begin(slot, OP_ACCEPT, listener, memory.acceptLengthAddress(slot), memory.acceptAddress(slot), 0, SOCK_CLOEXEC);
        }
    }

    private void accepted(int slot, int res) {
        accepting--;
        pending[slot] = 0;
        if (res < 0) {
            releaseSlot(slot);
            if (stopping) {
                finishIfIdle();
            } else if (res == -ECONNABORTED || res == -EPROTO || res == -EPERM || res == -EINTR || res == -EAGAIN) {
                if (!acceptPaused) {
                    acceptMore(); // that connection was gone before it was taken: take the next
                }
            } else if (!acceptPaused) {
                // out of descriptors or memory (EMFILE, ENFILE, ENOBUFS, ENOMEM), or anything else
                // unexpected: try again shortly instead of spinning on the error
                acceptPaused = true;
                long now = System.nanoTime();
                if (now - lastAcceptWarning >= TimeUnit.MINUTES.toNanos(1)) {
                    lastAcceptWarning = now;
                    log.warn("tracker HTTP cannot accept connections (errno {}; 23 or 24: out of file descriptors); "
                            + "pausing accepts 100 ms at a time", -res);
                }
                loop.schedule(this::acceptMore, 100, TimeUnit.MILLISECONDS);
            }
            return;
        }
        fd[slot] = res;
        open++;
        Endpoint peer = memory.peer(slot);
        remote[slot] = peer;
        admitted[slot] = peer != null && connections.open(peer.addressKey());
        received[slot] = 0;
        lastRead[slot] = System.nanoTime();
        since[slot] = lastRead[slot];
        if (stopping || peer == null) {
            close(slot);
        } else if (!admitted[slot]) {
            // over its address's limit: it holds no slot while the peer takes its time
            receive(slot, MSG_DONTWAIT);
        } else {
            live++;
            startRequest(slot);
            receive(slot);
            shedBeyondCapacity();
        }
        if (!acceptPaused) {
            acceptMore();
        }
    }

    private void receive(int slot) {
        receive(slot, 0);
    }

    private void receive(int slot, int flags) {
        state[slot] = RECEIVING;
        begin(slot, OP_RECV, fd[slot], 0, memory.address(slot, SlotMemory.REQUEST) + received[slot],
                SlotMemory.REQUEST_SIZE - received[slot], flags);
    }

    private void received(int slot, int res) {
        pending[slot] = 0;
        // the peer closed, an error, nothing there yet (MSG_DONTWAIT), or cancelled (shed, past a
        // deadline, or stopping); a doomed connection is closed even if its receive won the race
        if (res <= 0 || stopping || doomed[slot]) {
            close(slot);
            return;
        }
        lastRead[slot] = System.nanoTime();
        if (lingering[slot]) {
            receive(slot); // dropped: the next receive overwrites it
            return;
        }
        received[slot] += res;
        answer(slot);
    }

    /** Answers the request at the start of the slot's receive area, or reads more of it. */
    private void answer(int slot) {
        ByteBuffer block = memory.block(slot);
        int request = SlotMemory.offset(slot) + SlotMemory.REQUEST;
        Scratch s = scratch.get();
        int length = Math.min(received[slot], Scratch.MAX_HEAD);
        block.get(request, s.head, 0, length);
        int end = HttpExchange.headEnd(s.head, length);
        int flags;
        if (end >= 0) {
            flags = HttpExchange.answer(engine, s, end, remote[slot], admitted[slot]);
            int rest = received[slot] - end;
            if (rest > 0) { // a pipelined request: answered once this answer is sent
                block.get(request + end, carry, 0, rest);
                block.put(request, carry, 0, rest);
            }
            received[slot] = rest;
        } else if (received[slot] <= Scratch.MAX_HEAD) {
            if (admitted[slot]) {
                receive(slot); // the head is not complete yet
            } else {
                close(slot); // over the limit: no waiting for the rest
            }
            return;
        } else {
            flags = HttpExchange.tooLarge(engine, s);
            lingering[slot] = admitted[slot];
            received[slot] = 0;
        }
        waiting.remove(slot);
        ByteBuffer out = s.out;
        int size = out.remaining();
        if (size <= SlotMemory.ANSWER_SIZE) {
            block.put(SlotMemory.offset(slot) + SlotMemory.ANSWER, out.array(), out.position(), size);
            sendFrom[slot] = memory.address(slot, SlotMemory.ANSWER);
        } else {
            ByteBuf buffer = PooledByteBufAllocator.DEFAULT.directBuffer(size);
            buffer.writeBytes(out.array(), out.position(), size);
            large[slot] = buffer;
            sendFrom[slot] = buffer.memoryAddress();
        }
        sendLeft[slot] = size;
        keepAlive[slot] = (flags & HttpExchange.KEEP_ALIVE) != 0;
        if ((flags & HttpExchange.SLOW) != 0 && tarpit.hold(loop, slot)) {
            state[slot] = HELD; // nothing more is read from it; the tarpit sends and closes
            return;
        }
        send(slot);
    }

    private void answerHeld(Integer slot) {
        if (state[slot] == HELD) {
            keepAlive[slot] = false;
            send(slot);
        }
    }

    /**
     * Queues the answer (or what is left of it). An answer the connection closes after goes with
     * {@code MSG_MORE}: the kernel holds it until the close, which then sends it with the {@code FIN}
     * in one segment. Sent apart, the {@code FIN} takes a segment of its own and an acknowledgement
     * more, and the tracker more CPU per request.
     */
    private void send(int slot) {
        state[slot] = SENDING;
        int flags = keepAlive[slot] ? MSG_NOSIGNAL : MSG_NOSIGNAL | MSG_MORE;
        begin(slot, OP_SEND, fd[slot], 0, sendFrom[slot], sendLeft[slot], flags);
    }

    private void sent(int slot, int res) {
        pending[slot] = 0;
        if (res < 0 || stopping || doomed[slot]) {
            close(slot);
            return;
        }
        sendFrom[slot] += res;
        sendLeft[slot] -= res;
        if (sendLeft[slot] > 0) {
            send(slot);
            return;
        }
        releaseLarge(slot);
        if (lingering[slot]) {
            linger(slot);
            return;
        }
        if (!keepAlive[slot]) {
            close(slot);
            return;
        }
        startRequest(slot);
        if (received[slot] > 0) {
            answer(slot);
        } else {
            receive(slot);
        }
    }

    /**
     * After a 431, the rest of the head is still coming: closed with it unread, the socket would
     * answer with a reset, which can reach the client before it has read the 431. So the answer
     * leaves with a {@code FIN} ({@code shutdown}), and what follows is read and dropped until the
     * client closes, within a head deadline (and shed first at capacity).
     */
    private void linger(int slot) {
        try {
            new Socket(fd[slot]).shutdown(false, true);
        } catch (IOException e) {
            close(slot);
            return;
        }
        startRequest(slot);
        receive(slot);
    }

    /** The connection waits for a request head from now on: its deadline starts, and it is the newest waiting. */
    private void startRequest(int slot) {
        since[slot] = System.nanoTime();
        waiting.addNewest(slot);
    }

    /**
     * Over capacity, the connections that have waited longest for their request head make room,
     * whether or not bytes trickle in: a slow client cannot keep its place, and a newcomer, whose
     * head has usually arrived with it ({@code TCP_DEFER_ACCEPT}), is answered at once. Only when
     * none waits (all are being answered) is the newcomer itself the one closed.
     */
    private void shedBeyondCapacity() {
        while (live > capacity && waiting.oldest() >= 0) {
            doom(waiting.oldest());
        }
    }

    /** Closes the connection at its pending operation's completion, cancelled now. */
    private void doom(int slot) {
        if (!doomed[slot]) {
            doomed[slot] = true;
            if (admitted[slot]) {
                live--;
            }
            waiting.remove(slot);
        }
        cancel(slot);
    }

    /**
     * Closes the connection at once (no operation of the ring is pending on it), so that an answer
     * held by {@code MSG_MORE} leaves now, with the {@code FIN}.
     */
    private void close(int slot) {
        releaseLarge(slot);
        waiting.remove(slot);
        lingering[slot] = false;
        if (admitted[slot]) {
            connections.close(remote[slot].addressKey());
            admitted[slot] = false;
            if (!doomed[slot]) {
                live--;
            }
        }
        doomed[slot] = false;
        try {
            new FileDescriptor(fd[slot]).close();
        } catch (IOException e) {
            log.debug("closing a tracker connection", e);
        }
        fd[slot] = -1;
        remote[slot] = null;
        open--;
        releaseSlot(slot);
        if (stopping) {
            finishIfIdle();
        } else if (!acceptPaused) {
            acceptMore();
        }
    }

    /**
     * Cancels connections whose request head is not complete by its deadline (counted from when it
     * began waiting, so trickled bytes do not extend it), and those that have sent nothing for the
     * idle timeout (which also bounds answers not taken).
     */
    private void closeExpired() {
        long now = System.nanoTime();
        for (int slot = 0; slot < memory.allocated(); slot++) {
            byte s = state[slot];
            if ((s == RECEIVING && now - since[slot] >= headNanos)
                    || ((s == RECEIVING || s == SENDING) && now - lastRead[slot] >= idleNanos)) {
                doom(slot);
            }
        }
    }

    private void cancel(int slot) {
        long target = pending[slot];
        if (target != 0 && cancelled[slot] != target) {
            cancelled[slot] = target;
            submit(slot, OP_ASYNC_CANCEL, -1, 0, target, 0, 0);
        }
    }

    /** Submits the slot's next operation; a cancellation recorded for the one before is forgotten. */
    private void begin(int slot, byte opcode, int descriptor, long union1, long address, int length, int opFlags) {
        cancelled[slot] = 0;
        pending[slot] = submit(slot, opcode, descriptor, union1, address, length, opFlags);
    }

    private long submit(int slot, byte opcode, int descriptor, long union1, long address, int length, int opFlags) {
        return registration.submit(new IoUringIoOps(opcode, (byte) 0, (short) 0, descriptor, union1, address, length,
                opFlags, (short) slot, (short) 0, (short) 0, 0, 0));
    }

    private void releaseLarge(int slot) {
        if (large[slot] != null) {
            large[slot].release();
            large[slot] = null;
        }
    }

    private int takeSlot() {
        return memory.take();
    }

    private void releaseSlot(int slot) {
        state[slot] = FREE;
        memory.release(slot);
    }
}
