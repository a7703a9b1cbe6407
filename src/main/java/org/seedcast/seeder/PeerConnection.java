package org.seedcast.seeder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.seedcast.torrent.InfoHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's connection to the seed: reads the peer wire (BEP 3) from the handshake on, answers
 * with Have All or a full bitfield, and hands requests to its {@link Uploads} and extension
 * messages to its {@link PeerExtensions}. It only ever uploads: a peer that has every piece is let
 * go. Everything runs on the channel's event loop, except {@link #choke()}, {@link #unchoke()} and
 * {@link #close()}, which any thread may call (the {@link Choker}, a withdrawal) and which hop onto
 * the loop.
 * <p>
 * It reads plaintext only, which is also what keeps its sends zero-copy: an encrypted handshake (MSE/PE)
 * is answered in front of it by {@link EncryptedHandshake}, which agrees on plaintext; a connection that
 * reaches it with a first byte other than 19 is closed at once.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0006.html">BEP 6</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52, upgrade path</a>
 */
final class PeerConnection extends ByteToMessageDecoder implements Choker.Peer {

    private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);
    /** The longest message accepted, besides a bitfield: a stray {@code piece} of one block fits. */
    private static final int MAX_MESSAGE = 2 * PeerMessages.BLOCK;

    private final Seed seed;
    private final long opened;
    private ChannelHandlerContext ctx;
    private SeededTorrent torrent;
    private Uploads uploads;
    private PeerExtensions extensions;
    private boolean closing;
    private BitSet has;
    private volatile int hasCount;
    private boolean interested;
    private int maxMessage = MAX_MESSAGE;
    private long lastReceived;
    private long lastSent;
    private LoopPeers listedIn;

    PeerConnection(Seed seed) {
        this.seed = seed;
        this.opened = seed.nanoTime();
        this.lastReceived = opened;
        this.lastSent = opened;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) throws Exception {
        this.ctx = ctx;
        super.handlerAdded(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (closing) {
            in.skipBytes(in.readableBytes());
            return;
        }
        lastReceived = seed.nanoTime();
        if (torrent == null) {
            handshake(in);
            return;
        }
        if (in.readableBytes() < 4) {
            return;
        }
        int length = in.getInt(in.readerIndex());
        if (length < 0 || length > maxMessage) {
            close(CloseReason.PROTOCOL_VIOLATION);
            return;
        }
        if (in.readableBytes() < 4 + length) {
            return;
        }
        in.skipBytes(4);
        if (length > 0) { // else a keep-alive
            ByteBuf message = in.readSlice(length);
            message(message.readUnsignedByte(), message);
        }
    }

    /**
     * Answers written while reading go out together, once per read, and the blocks asked for in a
     * read are sent in one batch: a client sends many requests at once.
     */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        if (uploads != null && uploads.pending() && !closing) {
            uploads.drain();
        }
        ctx.flush();
        super.channelReadComplete(ctx);
    }

    // ---- handshake

    private void handshake(ByteBuf in) {
        int at = in.readerIndex();
        int matched = PeerMessages.headerBytesMatched(in);
        if (matched == 0) {
            close(CloseReason.ENCRYPTED);
            return;
        }
        if (matched < Math.min(in.readableBytes(), PeerMessages.HEADER_LENGTH)) {
            close(CloseReason.NOT_BITTORRENT);
            return;
        }
        if (in.readableBytes() < PeerMessages.HANDSHAKE_LENGTH) {
            return;
        }
        byte[] reserved = new byte[8];
        byte[] hash = new byte[20];
        in.getBytes(at + 20, reserved).getBytes(at + 28, hash);
        in.skipBytes(PeerMessages.HANDSHAKE_LENGTH);
        InfoHash asked = InfoHash.of(hash);
        SeededTorrent found = seed.registry().find(asked);
        if (found == null) {
            close(CloseReason.UNKNOWN_TORRENT);
            return;
        }
        attach(found, reserved, asked);
    }

    private void attach(SeededTorrent found, byte[] reserved, InfoHash asked) {
        torrent = found;
        found.peers().add(this);
        if (found.withdrawn()) {
            close(CloseReason.WITHDRAWN);
            return;
        }
        boolean fast = (reserved[7] & 0x04) != 0;
        uploads = new Uploads(this, ctx, seed, found, fast);
        extensions = new PeerExtensions(found);
        // BEP 52 upgrade: a hybrid's peer that asks with the v2 hash, or says it speaks v2, is
        // answered with the v2 hash, which makes the connection a v2 one (libtorrent then sends hash requests)
        boolean v2 = found.hybrid() && (asked.equals(found.v2Truncated()) || (reserved[7] & 0x10) != 0);
        has = new BitSet(found.pieceCount());
        maxMessage = Math.max(MAX_MESSAGE, 1 + (found.pieceCount() + 7) / 8);
        useful();
        write(PeerMessages.handshake(ctx.alloc(), (v2 ? found.v2Truncated() : found.v1()).toBytes(), seed.peerId(),
                found.hybrid()));
        write(fast ? PeerMessages.simple(ctx.alloc(), PeerMessages.HAVE_ALL)
                : PeerMessages.fullBitfield(ctx.alloc(), found.pieceCount()));
        if ((reserved[5] & 0x10) != 0) {
            byte[] handshake = extensions.handshake(seed.settings().requestQueue(),
                    ctx.channel().remoteAddress() instanceof InetSocketAddress remote ? remote.getAddress() : null);
            write(PeerMessages.extended(ctx.alloc(), PeerMessages.EXTENDED_HANDSHAKE, handshake, null, 0, 0));
        }
        ctx.flush();
    }

    // ---- messages

    private void message(int id, ByteBuf payload) {
        switch (id) {
            case PeerMessages.INTERESTED -> interested();
            case PeerMessages.NOT_INTERESTED -> notInterested();
            case PeerMessages.HAVE -> have(payload);
            case PeerMessages.BITFIELD -> bitfield(payload);
            case PeerMessages.REQUEST -> closeIf(uploads.request(payload), true);
            case PeerMessages.CANCEL -> closeIf(uploads.cancel(payload), false);
            case PeerMessages.HAVE_ALL -> close(CloseReason.PEER_IS_SEED);
            case PeerMessages.EXTENDED -> extended(payload);
            case PeerMessages.HASH_REQUEST -> hashRequest(payload);
            // a seed asks for nothing, so a block sent to it is a violation
            case PeerMessages.PIECE -> close(CloseReason.PROTOCOL_VIOLATION);
            default -> {
                // choke, unchoke, have none, port, suggest, reject, allowed fast, hashes: nothing to do for a seed
            }
        }
    }

    private void closeIf(CloseReason reason, boolean useful) {
        if (reason != null) {
            close(reason);
        } else if (useful) {
            useful();
        }
    }

    private void interested() {
        useful();
        if (!interested) {
            interested = true;
            torrent.choker().interested(this);
        }
    }

    private void notInterested() {
        if (interested) {
            interested = false;
            torrent.choker().notInterested(this);
        }
    }

    private void have(ByteBuf payload) {
        int index = payload.readableBytes() == 4 ? payload.readInt() : -1;
        if (index < 0 || index >= torrent.pieceCount()) {
            close(CloseReason.PROTOCOL_VIOLATION);
            return;
        }
        if (!has.get(index)) {
            has.set(index);
            hasCount++;
            if (hasCount == torrent.pieceCount()) {
                close(CloseReason.PEER_IS_SEED);
            }
        }
    }

    /** A bitfield of the right length with the spare bits of its last byte clear (BEP 3). */
    private void bitfield(ByteBuf payload) {
        int pieces = torrent.pieceCount();
        int bytes = (pieces + 7) / 8;
        int spareBits = (1 << (bytes * 8 - pieces)) - 1;
        if (payload.readableBytes() != bytes || (payload.getByte(payload.readerIndex() + bytes - 1) & spareBits) != 0) {
            close(CloseReason.PROTOCOL_VIOLATION);
            return;
        }
        has.clear();
        for (int i = 0; i < pieces; i++) {
            if ((payload.getByte(payload.readerIndex() + (i >>> 3)) & (0x80 >>> (i & 7))) != 0) {
                has.set(i);
            }
        }
        hasCount = has.cardinality();
        if (hasCount == pieces) {
            close(CloseReason.PEER_IS_SEED);
        }
    }

    private void extended(ByteBuf payload) {
        if (!payload.isReadable()) {
            close(CloseReason.PROTOCOL_VIOLATION);
            return;
        }
        int extension = payload.readUnsignedByte();
        byte[] body = new byte[payload.readableBytes()];
        payload.readBytes(body);
        try {
            ByteBuf answer = extensions.received(extension, body, ctx.alloc());
            if (answer != null) {
                useful();
                write(answer);
            }
        } catch (IllegalArgumentException e) {
            close(CloseReason.PROTOCOL_VIOLATION);
        }
    }

    private void hashRequest(ByteBuf payload) {
        if (payload.readableBytes() != PeerMessages.HASH_REQUEST_LENGTH) {
            close(CloseReason.PROTOCOL_VIOLATION);
            return;
        }
        useful();
        write(extensions.hashRequest(payload, ctx.alloc()));
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable() && uploads != null && !closing) {
            uploads.drain();
        }
        super.channelWritabilityChanged(ctx);
    }

    // ---- choking, from the choker on any thread

    @Override
    public int pieces() {
        return hasCount;
    }

    @Override
    public void choke() {
        onLoop(() -> {
            if (!closing && uploads != null) {
                uploads.choke(); // BEP 6: with Fast, every request dropped by a choke is rejected
                ctx.flush();
            }
        });
    }

    @Override
    public void unchoke() {
        onLoop(() -> {
            if (!closing && uploads != null) {
                uploads.unchoke();
                ctx.flush();
            }
        });
    }

    /** Closes the connection, from any thread: its episode was withdrawn or the seed stops. */
    void close() {
        onLoop(() -> close(CloseReason.WITHDRAWN));
    }

    private void onLoop(Runnable task) {
        if (ctx == null) {
            return;
        }
        if (ctx.executor().inEventLoop()) {
            task.run();
        } else {
            ctx.executor().execute(task);
        }
    }

    // ---- timers, from the event loop's sweep

    /**
     * The handshake deadline, the idle timeout and keep-alives, checked by the event loop's sweep.
     *
     * @return whether the connection is still open
     */
    boolean tick(long now) {
        if (closing) {
            return false;
        }
        SeederProperties s = seed.settings();
        if (torrent == null) {
            if (now - opened >= s.handshakeTimeout().toNanos()) {
                close(CloseReason.HANDSHAKE_TIMEOUT);
                return false;
            }
            return true;
        }
        if (now - lastReceived >= s.idleTimeout().toNanos()) {
            close(CloseReason.IDLE);
            return false;
        }
        if (now - lastSent >= s.keepAliveInterval().toNanos()) {
            write(PeerMessages.keepAlive(ctx.alloc()));
            ctx.flush();
        }
        return true;
    }

    /** The loop's connections, which this one tells when it does something worth keeping it for. */
    void listedIn(LoopPeers peers) {
        listedIn = peers;
    }

    /** It did something worth keeping it for: a handshake, interest, a request. */
    private void useful() {
        if (listedIn != null) {
            listedIn.useful(this);
        }
    }

    // ---- writing and closing

    /** Writes a message, to be flushed by the caller. */
    void write(ByteBuf message) {
        lastSent = seed.nanoTime();
        ctx.write(message, ctx.voidPromise());
    }

    /**
     * Refuses the connection now and hangs up after {@code delay}, dropping whatever arrives meanwhile. A
     * flooder that waits for an answer before it connects again then comes back once a delay per connection
     * it holds, where a refusal at once lets it come back as fast as it can connect.
     */
    void refuseAfter(CloseReason reason, Duration delay) {
        if (closing) {
            return;
        }
        closing = true;
        seed.metrics().closed(reason);
        if (ctx != null) {
            ChannelHandlerContext hangUp = ctx;
            ctx.executor().schedule(() -> hangUp.close(), delay.toNanos(), TimeUnit.NANOSECONDS);
        }
    }

    void close(CloseReason reason) {
        if (closing) {
            return;
        }
        closing = true;
        seed.metrics().closed(reason);
        if (ctx != null) {
            ctx.flush();
            ctx.close();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        closing = true;
        if (uploads != null) {
            uploads.clear();
        }
        if (torrent != null) {
            torrent.peers().remove(this);
            torrent.choker().notInterested(this);
        }
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (!(cause instanceof IOException)) {
            log.debug("peer connection failed", cause);
        }
        closing = true;
        ctx.close();
    }
}
