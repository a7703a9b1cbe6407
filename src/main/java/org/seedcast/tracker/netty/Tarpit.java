package org.seedcast.tracker.netty;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Answers held back, one ring per event loop: a connection from an address far over its budget
 * gets its refusal (the same bytes, HTTP 200 with a failure reason and a long interval) only after
 * {@code delay}, then is closed. A flooder that waits for answers before sending more, as most
 * HTTP clients and load tools do, then sends at most one request per connection and delay, and
 * the connections it holds meanwhile count against its per-address connection limit. The ring is
 * bounded; when it is full, answers go out at once. Only the event loop's thread touches it.
 */
final class Tarpit {

    private static final long TICK_MILLIS = 50;

    private final ChannelHandlerContext[] contexts;
    private final ByteBuf[] answers;
    private final long[] due;
    private final long delayNanos;
    private int head;
    private int size;
    private boolean ticking;

    Tarpit(int capacity, long delayMillis) {
        contexts = new ChannelHandlerContext[capacity];
        answers = new ByteBuf[capacity];
        due = new long[capacity];
        delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
    }

    /** Holds the answer; false (the caller answers now) when the ring is full or there is no delay. */
    boolean hold(ChannelHandlerContext ctx, ByteBuf answer) {
        if (size == contexts.length || delayNanos <= 0) {
            return false;
        }
        int i = (head + size) % contexts.length;
        contexts[i] = ctx;
        answers[i] = answer;
        due[i] = System.nanoTime() + delayNanos;
        size++;
        if (!ticking) {
            ticking = true;
            EventExecutor loop = ctx.executor();
            loop.scheduleWithFixedDelay(this::release, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        }
        return true;
    }

    int held() {
        return size;
    }

    /** Sends the answers now due (in order: all were held for the same delay) and closes. */
    void release() {
        long now = System.nanoTime();
        while (size > 0 && now - due[head] >= 0) {
            ChannelHandlerContext ctx = contexts[head];
            ByteBuf answer = answers[head];
            contexts[head] = null;
            answers[head] = null;
            head = (head + 1) % contexts.length;
            size--;
            if (ctx.channel().isActive()) {
                ctx.writeAndFlush(answer).addListener(ChannelFutureListener.CLOSE);
            } else {
                answer.release();
            }
        }
    }
}
