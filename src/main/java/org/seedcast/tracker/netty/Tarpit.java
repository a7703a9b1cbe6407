package org.seedcast.tracker.netty;

import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Answers held back, one ring per event loop: a connection from an address far over its budget
 * gets its refusal (the same bytes, HTTP 200 with a failure reason and a long interval) only after
 * {@code delay}, then is closed. A flooder that waits for answers before sending more, as most
 * HTTP clients and load tools do, then sends at most one request per connection and delay, and
 * the connections it holds meanwhile count against its per-address connection limit. The ring is
 * bounded; when it is full, answers go out at once. Only the event loop's thread touches it.
 */
final class Tarpit<T> {

    private static final long TICK_MILLIS = 50;

    private final Object[] held;
    private final long[] due;
    private final long delayNanos;
    private final Consumer<? super T> answer;
    private int head;
    private int size;
    private boolean ticking;

    /** {@code answer} sends a held answer and closes its connection, once due. */
    Tarpit(int capacity, long delayMillis, Consumer<? super T> answer) {
        held = new Object[capacity];
        due = new long[capacity];
        delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        this.answer = answer;
    }

    /** Holds the answer; false (the caller answers now) when the ring is full or there is no delay. */
    boolean hold(EventExecutor loop, T item) {
        if (size == held.length || delayNanos <= 0) {
            return false;
        }
        int i = (head + size) % held.length;
        held[i] = item;
        due[i] = System.nanoTime() + delayNanos;
        size++;
        if (!ticking) {
            ticking = true;
            loop.scheduleWithFixedDelay(this::release, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    int held() {
        return size;
    }

    /** Sends the answers now due (in order: all were held for the same delay). */
    @SuppressWarnings("unchecked")
    void release() {
        long now = System.nanoTime();
        while (size > 0 && now - due[head] >= 0) {
            T item = (T) held[head];
            held[head] = null;
            head = (head + 1) % held.length;
            size--;
            answer.accept(item);
        }
    }
}
