package org.seedcast.tracker.netty;

import java.nio.ByteBuffer;
import org.seedcast.tracker.engine.TrackerEngine;
import org.seedcast.tracker.engine.TrackerMetrics.Outcome;
import org.seedcast.tracker.protocol.BadRequest;
import org.seedcast.tracker.protocol.Endpoint;
import org.seedcast.tracker.protocol.HttpAnswers;
import org.seedcast.tracker.protocol.HttpHead;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One HTTP/1.x request head answered, the same for both HTTP listeners (Netty's channels and
 * {@link RingHttpListener}): find the end of the head, parse it, let the engine write the bencoded
 * body, and put the head in front of it. The answer is left in the thread's {@link Scratch#out},
 * between its position and its limit; the returned flags say whether to keep the connection and
 * whether to hold the answer back ({@link Tarpit}). Nothing thrown by a request escapes: it is
 * answered with a failure instead.
 */
final class HttpExchange {

    /** Keep the connection open after this answer. */
    static final int KEEP_ALIVE = 1;
    /** The client is far over its budget: hold the answer back, then close. */
    static final int SLOW = 2;

    private static final Logger log = LoggerFactory.getLogger(HttpExchange.class);
    private static final byte[] NOT_FOUND = HttpAnswers.plain(404, "Not Found", "tracker paths: /announce, /scrape\n");
    private static final byte[] NOT_ALLOWED = HttpAnswers.plain(405, "Method Not Allowed", "GET only\n");
    private static final byte[] TOO_LARGE = HttpAnswers.plain(431, "Request Header Fields Too Large", "request head over 4 KiB\n");
    private static final byte[] BAD = HttpAnswers.plain(400, "Bad Request", "malformed request\n");

    private HttpExchange() {
    }

    /**
     * Index just past the blank line ending the head (CRLF CRLF, or a bare LF LF) in
     * {@code bytes[0, length)}, or -1.
     */
    static int headEnd(byte[] bytes, int length) {
        for (int i = 0; i < length; i++) {
            if (bytes[i] != '\n') {
                continue;
            }
            if (i >= 3 && bytes[i - 1] == '\r' && bytes[i - 2] == '\n' && bytes[i - 3] == '\r') {
                return i + 1;
            }
            if (i >= 1 && bytes[i - 1] == '\n') {
                return i + 1;
            }
        }
        return -1;
    }

    /**
     * Answers the head in {@code s.head[0, length)} from {@code remote}; {@code admitted} is false
     * when the address holds more connections than it may, which gets a cheap refusal.
     *
     * @return {@link #KEEP_ALIVE} and {@link #SLOW} as they apply
     */
    static int answer(TrackerEngine engine, Scratch s, int length, Endpoint remote, boolean admitted) {
        HttpHead head;
        try {
            head = HttpHead.parse(s.head, length);
        } catch (BadRequest e) {
            return plain(engine, s, BAD);
        }
        if (!head.get) {
            return plain(engine, s, NOT_ALLOWED);
        }
        if (head.path == HttpHead.Path.OTHER) {
            return plain(engine, s, NOT_FOUND);
        }
        ByteBuffer out = s.out;
        out.clear().position(HttpAnswers.HEAD_ROOM);
        boolean keepAlive = head.keepAlive && admitted;
        boolean slow = false;
        try {
            if (!admitted) {
                engine.httpOverConnectionLimit(out);
            } else {
                Endpoint client = engine.client(remote, head, s.head);
                Outcome outcome = head.path == HttpHead.Path.ANNOUNCE
                        ? engine.httpAnnounce(s.head, head, client, out, s.peers)
                        : engine.httpScrape(s.head, head, client, out);
                slow = outcome == Outcome.RATE_LIMITED && engine.farOverBudget(client);
                keepAlive &= !slow;
            }
        } catch (RuntimeException e) {
            log.debug("tracker request failed", e);
            out.clear().position(HttpAnswers.HEAD_ROOM);
            engine.httpInternalError(out);
            keepAlive = false;
        }
        int bodyEnd = out.position();
        int start = HttpAnswers.headBefore(out, HttpAnswers.HEAD_ROOM, bodyEnd - HttpAnswers.HEAD_ROOM, keepAlive);
        out.limit(bodyEnd).position(start);
        return (keepAlive ? KEEP_ALIVE : 0) | (slow ? SLOW : 0);
    }

    /** A head that has not ended within {@link Scratch#MAX_HEAD} bytes: 431, then close. */
    static int tooLarge(TrackerEngine engine, Scratch s) {
        return plain(engine, s, TOO_LARGE);
    }

    private static int plain(TrackerEngine engine, Scratch s, byte[] answer) {
        engine.httpOther(Outcome.BAD_REQUEST);
        s.out.clear();
        s.out.put(answer).flip();
        return 0;
    }
}
