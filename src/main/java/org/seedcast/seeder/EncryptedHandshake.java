package org.seedcast.seeder;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

import org.seedcast.torrent.InfoHash;

/**
 * The answering side of an encrypted handshake (MSE/PE, "Message Stream Encryption"), in front of the
 * {@link PeerConnection}: a Diffie-Hellman exchange, then RC4 over the handshake's own fields, in which
 * the seed always selects plaintext for what follows. So a client that opens with an encrypted handshake
 * and allows plaintext (aria2 always does, libtorrent by default) is served on its first connection
 * instead of being closed and coming back plain (aria2 a second later), and the seed's sends stay
 * zero-copy: only the few dozen bytes of the handshake are ever enciphered. A peer that offers RC4 alone
 * for its payload is closed ({@link CloseReason#ENCRYPTED}), and so, {@link #REFUSAL_DELAY} later, is one past the
 * seed's budget of exchanges a second ({@link ExchangeBudget}, {@link CloseReason#ENCRYPTION_BUDGET}). A plaintext handshake (its 20-byte header) goes
 * straight through: this handler then takes itself out of the pipeline.
 * <p>
 * The handshake deadline is the {@link PeerConnection}'s: it counts from the connection's opening until the
 * plaintext BitTorrent handshake that comes out of this one.
 *
 * @see <a href="https://wiki.vuze.com/w/Message_Stream_Encryption">Message Stream Encryption</a>
 */
final class EncryptedHandshake extends ByteToMessageDecoder {

    /** The protocol's 768-bit prime; the generator is 2. */
    static final BigInteger P = new BigInteger("FFFFFFFFFFFFFFFFC90FDAA22168C234C4C6628B80DC1CD1"
            + "29024E088A67CC74020BBEA63B139B22514A08798E3404DDEF9519B3CD3A431B302B0A6DF25F14374FE1356D6D51C245"
            + "E485B576625E7EC6F44C42E9A63A36210000000000090563", 16);
    private static final BigInteger G = BigInteger.TWO;
    static final int KEY_LENGTH = 96;
    static final int MAX_PAD = 512;
    /** The verification constant: eight zero bytes. */
    static final int VC_LENGTH = 8;
    static final int PLAINTEXT = 0x01;
    static final int RC4 = 0x02;
    private static final SecureRandom RANDOM = new SecureRandom();
    /**
     * How long a key past the budget waits for its refusal. The budget is spent by a flood of keys; a
     * flooder that waits for each answer before it connects again then sends one key a second per
     * connection (and its address holds only its share of them) instead of as many as it can connect,
     * and a client that comes back in plaintext does so a second later.
     */
    static final Duration REFUSAL_DELAY = Duration.ofSeconds(1);

    private enum State { KEY, SYNC, FIELDS, PAD, INITIAL_PAYLOAD, REFUSED }

    private final Seed seed;
    private final PeerConnection peer;
    private final ExchangeBudget exchanges;
    private State state = State.KEY;
    private byte[] secret;
    private byte[] req1;
    private Rc4 in;
    private Rc4 out;
    private int length;

    EncryptedHandshake(Seed seed, PeerConnection peer, ExchangeBudget exchanges) {
        this.seed = seed;
        this.peer = peer;
        this.exchanges = exchanges;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf buf, List<Object> decoded) {
        switch (state) {
            case KEY -> key(ctx, buf);
            case SYNC -> sync(buf);
            case FIELDS -> fields(buf);
            case PAD -> pad(ctx, buf, decoded);
            case INITIAL_PAYLOAD -> initialPayload(ctx, buf, decoded);
            case REFUSED -> buf.skipBytes(buf.readableBytes());
        }
    }

    /** Ya, the peer's public key; a plaintext handshake instead goes through untouched. */
    private void key(ChannelHandlerContext ctx, ByteBuf buf) {
        // the whole header decides: one public key in 256 opens with 19 too (a plaintext handshake is 68 bytes, a
        // key 96, so either way the bytes wait here until there are 20)
        if (PeerMessages.headerBytesMatched(buf) == PeerMessages.HEADER_LENGTH) {
            ctx.pipeline().remove(this);
            return;
        }
        if (buf.readableBytes() < KEY_LENGTH) {
            return;
        }
        if (!exchanges.take()) {
            state = State.REFUSED;
            buf.skipBytes(buf.readableBytes());
            peer.refuseAfter(CloseReason.ENCRYPTION_BUDGET, REFUSAL_DELAY);
            return;
        }
        byte[] theirs = new byte[KEY_LENGTH];
        buf.readBytes(theirs);
        BigInteger privateKey = new BigInteger(160, RANDOM);
        secret = unsigned(new BigInteger(1, theirs).modPow(privateKey, P));
        req1 = sha1(bytes("req1"), secret);
        byte[] pad = new byte[ThreadLocalRandom.current().nextInt(MAX_PAD + 1)];
        ThreadLocalRandom.current().nextBytes(pad);
        ByteBuf answer = ctx.alloc().buffer(KEY_LENGTH + pad.length);
        answer.writeBytes(unsigned(G.modPow(privateKey, P))).writeBytes(pad);
        ctx.writeAndFlush(answer, ctx.voidPromise());
        state = State.SYNC;
    }

    /** The peer's padding, up to HASH('req1', S), which marks its end. */
    private void sync(ByteBuf buf) {
        int searchable = Math.min(buf.readableBytes(), MAX_PAD + req1.length);
        for (int at = 0; at + req1.length <= searchable; at++) {
            if (startsWith(buf, buf.readerIndex() + at, req1)) {
                buf.skipBytes(at + req1.length);
                state = State.FIELDS;
                return;
            }
        }
        if (buf.readableBytes() >= MAX_PAD + req1.length) {
            refuse(buf, CloseReason.ENCRYPTED);
        }
    }

    /**
     * HASH('req2', SKEY) xor HASH('req3', S), which names the torrent, then, enciphered: VC, crypto_provide and
     * the length of PadC.
     */
    private void fields(ByteBuf buf) {
        if (buf.readableBytes() < 20 + VC_LENGTH + 4 + 2) {
            return;
        }
        byte[] named = new byte[20];
        buf.readBytes(named);
        byte[] req3 = sha1(bytes("req3"), secret);
        for (int i = 0; i < named.length; i++) {
            named[i] ^= req3[i];
        }
        InfoHash asked = seed.registry().findObfuscated(InfoHash.of(named));
        if (asked == null) {
            refuse(buf, CloseReason.UNKNOWN_TORRENT);
            return;
        }
        byte[] skey = asked.toBytes();
        in = new Rc4(sha1(bytes("keyA"), secret, skey));
        out = new Rc4(sha1(bytes("keyB"), secret, skey));
        byte[] fields = in.apply(read(buf, VC_LENGTH + 4 + 2));
        for (int i = 0; i < VC_LENGTH; i++) {
            if (fields[i] != 0) {
                refuse(buf, CloseReason.ENCRYPTED);
                return;
            }
        }
        int provided = ((fields[8] & 0xff) << 24) | ((fields[9] & 0xff) << 16) | ((fields[10] & 0xff) << 8)
                | (fields[11] & 0xff);
        length = ((fields[12] & 0xff) << 8) | (fields[13] & 0xff);
        if ((provided & PLAINTEXT) == 0 || length > MAX_PAD) {
            refuse(buf, CloseReason.ENCRYPTED);
            return;
        }
        state = State.PAD;
    }

    /** PadC, and the length of the initial payload. */
    private void pad(ChannelHandlerContext ctx, ByteBuf buf, List<Object> decoded) {
        if (buf.readableBytes() < length + 2) {
            return;
        }
        byte[] padAndLength = in.apply(read(buf, length + 2));
        length = ((padAndLength[length] & 0xff) << 8) | (padAndLength[length + 1] & 0xff);
        state = State.INITIAL_PAYLOAD;
        // an empty initial payload may end what the peer sent, and the decoder is called again only for more
        initialPayload(ctx, buf, decoded);
    }

    /**
     * The initial payload (IA: usually the BitTorrent handshake, or nothing), enciphered; then the answer
     * selecting plaintext, after which both sides speak the peer wire in the clear.
     */
    private void initialPayload(ChannelHandlerContext ctx, ByteBuf buf, List<Object> decoded) {
        if (buf.readableBytes() < length) {
            return;
        }
        byte[] initial = in.apply(read(buf, length));
        byte[] answer = new byte[VC_LENGTH + 4 + 2]; // VC, crypto_select, len(PadD) = 0
        answer[VC_LENGTH + 3] = PLAINTEXT;
        ctx.writeAndFlush(ctx.alloc().buffer(answer.length).writeBytes(out.apply(answer)), ctx.voidPromise());
        seed.metrics().encryptedHandshake();
        if (initial.length > 0) {
            decoded.add(ctx.alloc().buffer(initial.length).writeBytes(initial));
        }
        ctx.pipeline().remove(this);
    }

    private static boolean startsWith(ByteBuf buf, int at, byte[] bytes) {
        for (int i = 0; i < bytes.length; i++) {
            if (buf.getByte(at + i) != bytes[i]) {
                return false;
            }
        }
        return true;
    }

    /** Closes the connection; whatever else arrives on it is dropped. */
    private void refuse(ByteBuf buf, CloseReason reason) {
        state = State.REFUSED;
        buf.skipBytes(buf.readableBytes());
        peer.close(reason);
    }

    private static byte[] read(ByteBuf buf, int count) {
        byte[] bytes = new byte[count];
        buf.readBytes(bytes);
        return bytes;
    }

    /** A key or secret as the protocol sends it: 96 bytes, big-endian, zero-padded on the left. */
    static byte[] unsigned(BigInteger value) {
        byte[] bytes = value.toByteArray();
        byte[] fixed = new byte[KEY_LENGTH];
        int copy = Math.min(bytes.length, KEY_LENGTH);
        System.arraycopy(bytes, bytes.length - copy, fixed, KEY_LENGTH - copy, copy);
        return fixed;
    }

    static byte[] bytes(String ascii) {
        return ascii.getBytes(StandardCharsets.US_ASCII);
    }

    static byte[] sha1(byte[]... parts) {
        try {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            for (byte[] part : parts) {
                sha1.update(part);
            }
            return sha1.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** RC4 with the protocol's key schedule: the first 1,024 bytes of the keystream are dropped. */
    static final class Rc4 {

        private final int[] s = new int[256];
        private int i;
        private int j;

        Rc4(byte[] key) {
            for (int k = 0; k < 256; k++) {
                s[k] = k;
            }
            for (int k = 0, l = 0; k < 256; k++) {
                l = (l + s[k] + (key[k % key.length] & 0xff)) & 0xff;
                swap(k, l);
            }
            apply(new byte[1024]);
        }

        /** Enciphers or deciphers {@code bytes} in place, and returns them. */
        byte[] apply(byte[] bytes) {
            for (int k = 0; k < bytes.length; k++) {
                i = (i + 1) & 0xff;
                j = (j + s[i]) & 0xff;
                swap(i, j);
                bytes[k] ^= (byte) s[(s[i] + s[j]) & 0xff];
            }
            return bytes;
        }

        private void swap(int a, int b) {
            int t = s[a];
            s[a] = s[b];
            s[b] = t;
        }
    }
}
