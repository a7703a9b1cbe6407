package org.seedcast.web;

import java.io.IOException;
import java.time.Duration;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Sends an answer given before the request's body was read (a refusal from the head, an upload
 * stopped by a full disk) so that the client can read it. A connection closed with bytes still
 * unread is reset by the kernel, and the reset discards at the client whatever of the answer it
 * had not read yet: a browser says "connection reset" instead of showing the refusal, and a
 * client that sends its whole body before reading loses it whenever the body outgrows the buffers.
 * <p>
 * So the answer is sent at once, and the rest of the body is then read and thrown away, with no
 * thread held (servlet non-blocking reads); once it is all read the answer ends and the connection
 * closes in order (or stays open, when the answer allows). A body still coming after
 * {@link #BYTES} or half of {@link #TIME} is left unread: the answer ends then, the connection
 * stays open for the rest of the time, for a client reading while it writes, and is then closed.
 * The answer goes without a length, in chunks: Tomcat stops reading a request whose answer is
 * complete. What this costs the server is bounded: a connection for at most the time, and reading
 * at most the bytes (the idea of nginx's lingering close). The bytes are few on purpose: each
 * refused request may cost that much reading, and an address may send 20 a second; a client that
 * sends more before it reads anything loses the answer, as it did before.
 */
final class LingeringClose implements ReadListener, AsyncListener {

    static final Duration TIME = Duration.ofSeconds(2);
    static final long BYTES = 2L << 20;

    private final AsyncContext context;
    private final ServletInputStream body;
    private final ServletResponse response;
    private final long endBy;
    private final byte[] scratch = new byte[8192];
    private long read;
    private boolean ended;
    private boolean completed;

    private LingeringClose(AsyncContext context, ServletInputStream body, ServletResponse response) {
        this.context = context;
        this.body = body;
        this.response = response;
        this.endBy = System.nanoTime() + TIME.toNanos() / 2;
    }

    /**
     * Whether the request came with a body that nothing read to its end. Not when the client asked
     * to be told before sending it ({@code Expect: 100-continue}): it has not sent it.
     */
    static boolean bodyLeftUnread(HttpServletRequest request) throws IOException {
        if (!request.isAsyncSupported() || request.isAsyncStarted() || request.getHeader(HttpHeaders.EXPECT) != null) {
            return false;
        }
        try {
            return !request.getInputStream().isFinished();
        } catch (IllegalStateException readThroughTheReader) {
            return false;
        }
    }

    /** Sends the answer held so far and drains the body, as described above. */
    static void start(HttpServletRequest request, ContentCachingResponseWrapper held) throws IOException {
        ServletResponse response = held.getResponse();
        AsyncContext context = request.startAsync(request, response);
        context.setTimeout(TIME.toMillis());
        response.getOutputStream().write(held.getContentAsByteArray());
        response.flushBuffer();
        LingeringClose drain = new LingeringClose(context, request.getInputStream(), response);
        context.addListener(drain);
        drain.body.setReadListener(drain);
    }

    @Override
    public synchronized void onDataAvailable() throws IOException {
        while (!ended && body.isReady()) {
            int n = body.read(scratch);
            if (n < 0) {
                return;
            }
            read += n;
            if (read >= BYTES || System.nanoTime() - endBy >= 0) {
                ended = true;
                response.getOutputStream().close();
            }
        }
    }

    /** The whole body is in: the answer ends, and the connection closes in order or stays open. */
    @Override
    public void onAllDataRead() {
        complete();
    }

    /** The client went away, or the time is up: whatever is still unread stays so. */
    @Override
    public void onError(Throwable clientGone) {
        complete();
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        complete();
    }

    @Override
    public void onError(AsyncEvent event) {
        onError(event.getThrowable());
    }

    @Override
    public void onComplete(AsyncEvent event) {
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
    }

    private synchronized void complete() {
        if (!completed) {
            completed = true;
            context.complete();
        }
    }
}
