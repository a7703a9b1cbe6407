package org.seedcast.seeder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The blocks one peer asked for and how they are sent: validated, queued up to {@code reqq},
 * rejected (BEP 6) when choked, cancelled or past the queue, and written as a 13-byte header then
 * the block (a zero-copy region of a media file on disk, or a slice of a piece read from a bucket),
 * paid for first with both upload limits. Runs on the connection's event loop only.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html#peer-messages">BEP 3, request and piece</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0006.html">BEP 6, reject</a>
 */
final class Uploads {

    private static final Logger log = LoggerFactory.getLogger(Uploads.class);

    /** A block asked for: {@code <index><begin><length>}. */
    record Request(int index, int begin, int length) {
    }

    private final PeerConnection peer;
    private final ChannelHandlerContext ctx;
    private final Seed seed;
    private final SeededTorrent torrent;
    private final boolean fast;
    private final UploadLimit limit;
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    private boolean choked = true;
    private boolean drainScheduled;
    /** Requests past the queue in a row. */
    private int overflow;

    Uploads(PeerConnection peer, ChannelHandlerContext ctx, Seed seed, SeededTorrent torrent, boolean fast) {
        this.peer = peer;
        this.ctx = ctx;
        this.seed = seed;
        this.torrent = torrent;
        this.fast = fast;
        this.limit = new UploadLimit(seed.settings().peerUploadRate().toBytes());
    }

    /**
     * A {@code request}: queued while unchoked and within the queue, else rejected.
     *
     * @return why the peer must be closed (a request outside its piece or the file, or for more
     *         than a block; requests past the queue for as long again), or {@code null}
     */
    CloseReason request(ByteBuf payload) {
        Request r = read(payload);
        if (r == null) {
            return CloseReason.PROTOCOL_VIOLATION;
        }
        if (choked) {
            reject(r);
            return null;
        }
        int queue = seed.settings().requestQueue();
        if (requests.size() >= queue) {
            reject(r);
            return ++overflow > queue ? CloseReason.REQUEST_FLOOD : null;
        }
        overflow = 0;
        requests.add(r); // sent when the read is complete
        return null;
    }

    /** A {@code cancel}: the block is not sent, and with Fast it is rejected (BEP 6 answers every request). */
    CloseReason cancel(ByteBuf payload) {
        Request r = read(payload);
        if (r == null) {
            return CloseReason.PROTOCOL_VIOLATION;
        }
        if (requests.remove(r)) {
            reject(r);
        }
        return null;
    }

    /** A request inside one piece and the file, for at most one block; {@code null} otherwise. */
    private Request read(ByteBuf payload) {
        if (payload.readableBytes() != 12) {
            return null;
        }
        int index = payload.readInt();
        int begin = payload.readInt();
        int length = payload.readInt();
        if (index < 0 || index >= torrent.pieceCount() || begin < 0 || length <= 0 || length > PeerMessages.BLOCK
                || (long) begin + length > torrent.pieceSize(index)) {
            return null;
        }
        return new Request(index, begin, length);
    }

    /** {@code reject} with Fast; without it, a request the seed will not serve is dropped. */
    private void reject(Request r) {
        if (fast) {
            peer.write(PeerMessages.reject(ctx.alloc(), r.index(), r.begin(), r.length()));
        }
    }

    void choke() {
        if (choked) {
            return;
        }
        choked = true;
        peer.write(PeerMessages.simple(ctx.alloc(), PeerMessages.CHOKE));
        requests.forEach(this::reject);
        requests.clear();
    }

    void unchoke() {
        if (choked) {
            choked = false;
            peer.write(PeerMessages.simple(ctx.alloc(), PeerMessages.UNCHOKE));
        }
    }

    boolean pending() {
        return !requests.isEmpty();
    }

    void clear() {
        requests.clear();
    }

    /**
     * Sends queued blocks while the peer is unchoked, the channel takes more and both upload limits
     * have tokens; out of tokens, it resumes when they are earned, and an unwritable channel resumes
     * it when it drains (the connection's writability event). Nothing is queued beyond the channel's
     * high-water mark, so a slow peer costs its request queue and no more.
     */
    void drain() {
        if (drainScheduled || choked || !ctx.channel().isActive()) {
            return;
        }
        boolean wrote = false;
        long now = seed.nanoTime();
        while (!requests.isEmpty() && ctx.channel().isWritable()) {
            long wait = Math.max(limit.delay(now), seed.upload().delay(now));
            if (wait > 0) {
                drainScheduled = true;
                ctx.executor().schedule(this::drainLater, wait, TimeUnit.NANOSECONDS);
                break;
            }
            Request next = requests.peek();
            Object block;
            try {
                block = torrent.block(next.index(), next.begin(), next.length(), this::blockRead);
            } catch (IOException e) {
                log.warn("cannot read the media of episode {}: {}", torrent.episodeId(), e.toString());
                peer.close(CloseReason.WITHDRAWN);
                return;
            }
            if (block == null) {
                drainScheduled = true; // until its piece is read from the bucket
                break;
            }
            requests.poll();
            send(next, block, now);
            wrote = true;
        }
        if (wrote) {
            ctx.flush();
        }
    }

    private void drainLater() {
        drainScheduled = false;
        drain();
    }

    /** A piece asked for arrived from the bucket: drain again, on the connection's event loop. */
    private void blockRead() {
        ctx.executor().execute(this::drainLater);
    }

    private void send(Request r, Object block, long now) {
        limit.take(r.length(), now);
        seed.upload().take(r.length(), now);
        peer.write(PeerMessages.pieceHeader(ctx.alloc(), r.index(), r.begin(), r.length()));
        long episode = torrent.episodeId();
        int bytes = r.length();
        ctx.write(block).addListener(
                (ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        seed.traffic().add(episode, bytes);
                        seed.metrics().sent(bytes);
                    }
                });
    }
}
