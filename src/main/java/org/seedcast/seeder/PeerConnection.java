package org.seedcast.seeder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.channels.FileChannel;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import org.seedcast.torrent.InfoHash;
import org.seedcast.torrent.MerkleLayers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One peer's connection to the seed, from its handshake on: reads the peer wire (BEP 3), answers
 * requests for blocks with a 13-byte header and the block sent zero-copy from the media file, hands
 * out the metadata (BEP 9) and, for hybrids, hashes (BEP 52). It only ever uploads: a peer that has
 * every piece is let go. Everything runs on the channel's event loop, except {@link #choke()},
 * {@link #unchoke()} and {@link #close()}, which any thread may call (the {@link Choker}, a
 * withdrawal) and which hop onto the loop.
 * <p>
 * An encrypted handshake (MSE/PE, whose first byte is not 19) is closed at once: the seed speaks
 * plaintext only, which is also what keeps its sends zero-copy, and libtorrent's default policy then
 * retries in plaintext.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html">BEP 3</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0006.html">BEP 6</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0009.html">BEP 9</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0010.html">BEP 10</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0021.html">BEP 21</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
final class PeerConnection extends ByteToMessageDecoder implements Choker.Peer {

    private static final Logger log = LoggerFactory.getLogger(PeerConnection.class);
    static final String VERSION = "Seedcast/0.1";
    /** The longest message accepted, besides a bitfield: a stray {@code piece} of one block fits. */
    private static final int MAX_MESSAGE = 2 * PeerMessages.BLOCK;

    /** A block asked for: {@code <index><begin><length>}. */
    record Request(int index, int begin, int length) {
    }

    private final Seed seed;
    private final UploadLimit limit;
    private final long opened;
    private final ArrayDeque<Request> requests = new ArrayDeque<>();
    private ChannelHandlerContext ctx;
    private SeededTorrent torrent;
    private boolean handshaken;
    private boolean closing;
    private boolean fast;
    private int peerMetadataId;
    private BitSet has;
    private volatile int hasCount;
    private boolean interested;
    private boolean choked = true;
    private boolean drainScheduled;
    private int overflow;
    private int maxMessage = MAX_MESSAGE;
    private long lastReceived;
    private long lastSent;
    private long lastUseful;

    PeerConnection(Seed seed) {
        this.seed = seed;
        this.limit = new UploadLimit(seed.settings().peerUploadRate().toBytes());
        this.opened = seed.nanoTime();
        this.lastReceived = opened;
        this.lastSent = opened;
        this.lastUseful = opened;
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
        if (!handshaken) {
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

    /** Answers written while reading go out together, once per read. */
    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) throws Exception {
        ctx.flush();
        super.channelReadComplete(ctx);
    }

    // ---- handshake

    private void handshake(ByteBuf in) {
        int at = in.readerIndex();
        if (in.getUnsignedByte(at) != PeerMessages.PROTOCOL.length) {
            close(CloseReason.ENCRYPTED);
            return;
        }
        int protocol = Math.min(in.readableBytes() - 1, PeerMessages.PROTOCOL.length);
        for (int i = 0; i < protocol; i++) {
            if (in.getByte(at + 1 + i) != PeerMessages.PROTOCOL[i]) {
                close(CloseReason.NOT_BITTORRENT);
                return;
            }
        }
        if (in.readableBytes() < PeerMessages.HANDSHAKE_LENGTH) {
            return;
        }
        byte[] reserved = new byte[8];
        byte[] hash = new byte[20];
        in.getBytes(at + 20, reserved).getBytes(at + 28, hash);
        in.skipBytes(PeerMessages.HANDSHAKE_LENGTH);
        SeededTorrent found = seed.registry().find(InfoHash.of(hash));
        if (found == null) {
            close(CloseReason.UNKNOWN_TORRENT);
            return;
        }
        attach(found, reserved, InfoHash.of(hash));
    }

    private void attach(SeededTorrent found, byte[] reserved, InfoHash asked) {
        torrent = found;
        found.peers().add(this);
        if (found.withdrawn()) {
            close(CloseReason.WITHDRAWN);
            return;
        }
        fast = (reserved[7] & 0x04) != 0;
        boolean extensions = (reserved[5] & 0x10) != 0;
        // BEP 52 upgrade: a hybrid's peer that asks with the v2 hash, or says it speaks v2, is
        // answered with the v2 hash, which makes the connection a v2 one (libtorrent then sends hash requests)
        boolean v2 = found.hybrid() && (asked.equals(found.v2Truncated()) || (reserved[7] & 0x10) != 0);
        has = new BitSet(found.pieceCount());
        maxMessage = Math.max(MAX_MESSAGE, 1 + (found.pieceCount() + 7) / 8);
        handshaken = true;
        lastUseful = seed.nanoTime();
        write(PeerMessages.handshake(ctx.alloc(), (v2 ? found.v2Truncated() : found.v1()).toBytes(), seed.peerId(),
                found.hybrid()));
        write(fast ? PeerMessages.simple(ctx.alloc(), PeerMessages.HAVE_ALL)
                : PeerMessages.fullBitfield(ctx.alloc(), found.pieceCount()));
        if (extensions) {
            write(PeerMessages.extended(ctx.alloc(), PeerMessages.EXTENDED_HANDSHAKE, extensionHandshake(), null, 0, 0));
        }
        ctx.flush();
    }

    /**
     * {@code {m: {ut_metadata: 1}, metadata_size, reqq, upload_only: 1, v, yourip}} (BEP 10, BEP 9,
     * BEP 21), keys in bencode's order.
     */
    private byte[] extensionHandshake() {
        PeerBencode.Writer w = new PeerBencode.Writer()
                .integers("m", "ut_metadata", PeerMessages.UT_METADATA)
                .integer("metadata_size", torrent.infoDict().length)
                .integer("reqq", seed.settings().requestQueue())
                .integer("upload_only", 1)
                .string("v", VERSION.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        if (ctx.channel().remoteAddress() instanceof InetSocketAddress remote && remote.getAddress() != null) {
            w.string("yourip", remote.getAddress().getAddress());
        }
        return w.end();
    }

    // ---- messages

    private void message(int id, ByteBuf payload) {
        switch (id) {
            case PeerMessages.INTERESTED -> interested();
            case PeerMessages.NOT_INTERESTED -> notInterested();
            case PeerMessages.HAVE -> have(payload);
            case PeerMessages.BITFIELD -> bitfield(payload);
            case PeerMessages.REQUEST -> request(payload);
            case PeerMessages.CANCEL -> cancel(payload);
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

    private void interested() {
        lastUseful = seed.nanoTime();
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
        if (payload.readableBytes() != 4) {
            close(CloseReason.PROTOCOL_VIOLATION);
            return;
        }
        int index = payload.readInt();
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
        byte[] bits = new byte[bytes];
        payload.readBytes(bits);
        has.clear();
        for (int i = 0; i < pieces; i++) {
            if ((bits[i >>> 3] & (0x80 >>> (i & 7))) != 0) {
                has.set(i);
            }
        }
        hasCount = has.cardinality();
        if (hasCount == pieces) {
            close(CloseReason.PEER_IS_SEED);
        }
    }

    private void request(ByteBuf payload) {
        Request r = readRequest(payload);
        if (r == null) {
            close(CloseReason.PROTOCOL_VIOLATION);
            return;
        }
        if (choked) {
            reject(r);
            return;
        }
        if (requests.size() >= seed.settings().requestQueue()) {
            reject(r);
            if (++overflow > seed.settings().requestQueue()) {
                close(CloseReason.REQUEST_FLOOD);
            }
            return;
        }
        overflow = 0;
        lastUseful = seed.nanoTime();
        requests.add(r);
        drain();
    }

    /** A request inside one piece and the file, for at most one block; {@code null} otherwise. */
    private Request readRequest(ByteBuf payload) {
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

    private void cancel(ByteBuf payload) {
        Request r = readRequest(payload);
        if (r == null) {
            close(CloseReason.PROTOCOL_VIOLATION);
            return;
        }
        // BEP 6: a cancelled request still gets its answer, a reject, when the block is not sent
        if (requests.remove(r)) {
            reject(r);
        }
    }

    /** {@code reject} with Fast (BEP 6); without it, a request the seed will not serve is dropped. */
    private void reject(Request r) {
        if (fast) {
            write(PeerMessages.reject(ctx.alloc(), r.index(), r.begin(), r.length()));
        }
    }

    // ---- extension messages (BEP 10, BEP 9)

    private void extended(ByteBuf payload) {
        if (!payload.isReadable()) {
            close(CloseReason.PROTOCOL_VIOLATION);
            return;
        }
        int extension = payload.readUnsignedByte();
        byte[] body = new byte[payload.readableBytes()];
        payload.readBytes(body);
        try {
            if (extension == PeerMessages.EXTENDED_HANDSHAKE) {
                int m = PeerBencode.find(body, 0, "m");
                peerMetadataId = m < 0 || body[m] != 'd' ? 0 : (int) PeerBencode.integer(body, m, "ut_metadata", 0);
            } else if (extension == PeerMessages.UT_METADATA) {
                metadata(body);
            }
        } catch (IllegalArgumentException e) {
            close(CloseReason.PROTOCOL_VIOLATION);
        }
    }

    /** A {@code ut_metadata} request: the piece as {@code data}, or {@code reject} when out of range. */
    private void metadata(byte[] body) {
        long type = PeerBencode.integer(body, 0, "msg_type", -1);
        long piece = PeerBencode.integer(body, 0, "piece", -1);
        if (type != 0 || peerMetadataId <= 0 || peerMetadataId > 255) {
            return; // only requests are answered, and only to a peer that named its ut_metadata id
        }
        lastUseful = seed.nanoTime();
        byte[] info = torrent.infoDict();
        int pieces = (info.length + PeerMessages.METADATA_PIECE - 1) / PeerMessages.METADATA_PIECE;
        if (piece < 0 || piece >= pieces) {
            byte[] reject = new PeerBencode.Writer().integer("msg_type", 2).integer("piece", piece).end();
            write(PeerMessages.extended(ctx.alloc(), peerMetadataId, reject, null, 0, 0));
            return;
        }
        int from = (int) piece * PeerMessages.METADATA_PIECE;
        int length = Math.min(PeerMessages.METADATA_PIECE, info.length - from);
        byte[] header = new PeerBencode.Writer().integer("msg_type", 1).integer("piece", piece)
                .integer("total_size", info.length).end();
        write(PeerMessages.extended(ctx.alloc(), peerMetadataId, header, info, from, length));
    }

    // ---- BEP 52 hash requests

    private void hashRequest(ByteBuf payload) {
        if (payload.readableBytes() != PeerMessages.HASH_REQUEST_LENGTH) {
            close(CloseReason.PROTOCOL_VIOLATION);
            return;
        }
        lastUseful = seed.nanoTime();
        Optional<byte[]> answer = Optional.empty();
        byte[] root = new byte[32];
        int at = payload.readerIndex();
        payload.getBytes(at, root);
        if (torrent.hybrid() && Arrays.equals(root, torrent.piecesRoot())) {
            answer = hashes(payload.getInt(at + 32), payload.getInt(at + 36), payload.getInt(at + 40),
                    payload.getInt(at + 44));
        }
        write(answer.isPresent() ? PeerMessages.hashes(ctx.alloc(), payload, answer.get())
                : PeerMessages.hashReject(ctx.alloc(), payload));
    }

    private Optional<byte[]> hashes(int baseLayer, int index, int length, int proofLayers) {
        try {
            return torrent.merkleLayers().flatMap(layers -> layers.answer(baseLayer, index, length, proofLayers));
        } catch (RuntimeException e) {
            // layers not kept for this file, or a request they cannot answer: the peer gets a hash reject
            log.debug("hash request for episode {} not answered: {}", torrent.episodeId(), e.toString());
            return Optional.empty();
        }
    }

    // ---- sending blocks

    /**
     * Sends queued blocks while the peer is unchoked, the channel takes more and both upload limits
     * have tokens; out of tokens, it resumes when they are earned, and an unwritable channel resumes
     * it when it drains ({@link #channelWritabilityChanged}). Nothing is queued beyond the channel's
     * high-water mark, so a slow peer costs its request queue and no more.
     */
    private void drain() {
        if (drainScheduled || choked || closing) {
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
            if (!send(requests.poll(), now)) {
                return;
            }
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

    private boolean send(Request r, long now) {
        FileChannel file;
        try {
            file = torrent.channel();
        } catch (IOException e) {
            log.warn("cannot read the media of episode {}: {}", torrent.episodeId(), e.toString());
            close(CloseReason.WITHDRAWN);
            return false;
        }
        limit.take(r.length(), now);
        seed.upload().take(r.length(), now);
        write(PeerMessages.pieceHeader(ctx.alloc(), r.index(), r.begin(), r.length()));
        long episode = torrent.episodeId();
        int bytes = r.length();
        ctx.write(new SharedFileRegion(file, torrent.offset(r.index(), r.begin()), bytes)).addListener(
                (ChannelFutureListener) f -> {
                    if (f.isSuccess()) {
                        seed.traffic().add(episode, bytes);
                        seed.metrics().sent(bytes);
                    }
                });
        return true;
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) throws Exception {
        if (ctx.channel().isWritable()) {
            drain();
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
            if (choked || closing) {
                return;
            }
            choked = true;
            write(PeerMessages.simple(ctx.alloc(), PeerMessages.CHOKE));
            // BEP 6: with Fast, every request dropped by a choke is rejected
            requests.forEach(this::reject);
            requests.clear();
            ctx.flush();
        });
    }

    @Override
    public void unchoke() {
        onLoop(() -> {
            if (!choked || closing) {
                return;
            }
            choked = false;
            write(PeerMessages.simple(ctx.alloc(), PeerMessages.UNCHOKE));
            ctx.flush();
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
        if (!handshaken) {
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

    /** When this connection last did something worth keeping it for (handshake, interest, a request). */
    long lastUseful() {
        return lastUseful;
    }

    // ---- closing

    private void write(ByteBuf message) {
        lastSent = seed.nanoTime();
        ctx.write(message, ctx.voidPromise());
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
        requests.clear();
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

    boolean handshaken() {
        return handshaken;
    }

    boolean choked() {
        return choked;
    }

    int queued() {
        return requests.size();
    }
}
