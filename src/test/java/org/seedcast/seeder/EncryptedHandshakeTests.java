package org.seedcast.seeder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seedcast.seeder.EncryptedHandshake.bytes;
import static org.seedcast.seeder.EncryptedHandshake.sha1;
import static org.seedcast.seeder.PeerConnectionTests.handshake;
import static org.seedcast.seeder.PeerConnectionTests.message;
import static org.seedcast.seeder.PeerConnectionTests.nextId;
import static org.seedcast.seeder.PeerConnectionTests.written;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.torrent.TorrentFormat;

/**
 * An encrypted handshake (MSE/PE) as a client opens it, byte by byte on Netty's embedded channel: the seed answers
 * the key exchange, agrees on plaintext, and the peer wire goes on in the clear; what it cannot agree on is closed.
 */
class EncryptedHandshakeTests {

    private static final SecureRandom RANDOM = new SecureRandom();

    @TempDir
    Path dir;

    SeededTorrent torrent;
    Seed seed;
    ExchangeBudget exchanges = new ExchangeBudget(100, () -> 0L);

    @BeforeEach
    void seed() throws Exception {
        SeedRegistry registry = new SeedRegistry();
        torrent = SeedFixture.seeded(SeedFixture.seedable(7, SeedFixture.media(dir, "episode.mp4", PeerConnectionTests.SIZE, 3),
                TorrentFormat.V1, PeerConnectionTests.PIECE), 1);
        registry.add(torrent);
        seed = SeedFixture.seed(registry, SeedFixture.settings(1, 4, 0), () -> 1_000_000_000L);
    }

    /** The initiator's side, as aria2 and libtorrent play it. */
    final class Initiator {

        final BigInteger privateKey;
        final EmbeddedChannel ch = new EmbeddedChannel();
        byte[] secret;
        EncryptedHandshake.Rc4 out;
        EncryptedHandshake.Rc4 in;

        Initiator() {
            this(new BigInteger(160, RANDOM));
        }

        Initiator(BigInteger privateKey) {
            this.privateKey = privateKey;
            PeerConnection peer = new PeerConnection(seed);
            ch.pipeline().addLast(new EncryptedHandshake(seed, peer, exchanges), peer);
        }

        /** Sends Ya and PadA; reads Yb and PadB, and works out the shared secret. */
        void exchangeKeys(int padA) throws Exception {
            ch.writeInbound(Unpooled.buffer().writeBytes(EncryptedHandshake.unsigned(BigInteger.TWO.modPow(privateKey, EncryptedHandshake.P))).writeBytes(new byte[padA]));
            ByteBuf answer = written(ch);
            assertThat(answer.readableBytes()).as("Yb and PadB").isBetween(96, 96 + 512);
            byte[] theirs = new byte[96];
            answer.readBytes(theirs);
            secret = EncryptedHandshake.unsigned(new BigInteger(1, theirs).modPow(privateKey, EncryptedHandshake.P));
        }

        /** Sends the fields naming the torrent and offering {@code provide}, PadC, and the initial payload. */
        void offer(byte[] infoHash, int provide, ByteBuf initialPayload) {
            byte[] named = sha1(bytes("req2"), infoHash);
            byte[] req3 = sha1(bytes("req3"), secret);
            for (int i = 0; i < 20; i++) {
                named[i] ^= req3[i];
            }
            out = new EncryptedHandshake.Rc4(sha1(bytes("keyA"), secret, infoHash));
            in = new EncryptedHandshake.Rc4(sha1(bytes("keyB"), secret, infoHash));
            byte[] ia = new byte[initialPayload.readableBytes()];
            initialPayload.readBytes(ia);
            ByteBuf fields = Unpooled.buffer().writeZero(8).writeInt(provide).writeShort(3).writeZero(3)
                    .writeShort(ia.length).writeBytes(ia);
            byte[] enciphered = new byte[fields.readableBytes()];
            fields.readBytes(enciphered);
            ch.writeInbound(Unpooled.buffer().writeBytes(sha1(bytes("req1"), secret)).writeBytes(named)
                    .writeBytes(out.apply(enciphered)));
        }
    }

    @Test
    void agreesOnPlaintextWithAClientOfferingBothAndServesTheHandshakeItCarried() throws Exception {
        Initiator client = new Initiator();
        client.exchangeKeys(37);
        client.offer(torrent.v1().toBytes(), EncryptedHandshake.PLAINTEXT | EncryptedHandshake.RC4,
                handshake(torrent.v1().toBytes(), true, false));

        ByteBuf answer = written(client.ch);
        byte[] selected = new byte[14];
        answer.readBytes(selected);
        client.in.apply(selected);
        assertThat(Arrays.copyOf(selected, 8)).as("VC").containsOnly(0);
        assertThat(Unpooled.wrappedBuffer(selected, 8, 4).readInt()).as("crypto_select").isEqualTo(EncryptedHandshake.PLAINTEXT);
        assertThat(Unpooled.wrappedBuffer(selected, 12, 2).readShort()).as("len(PadD)").isZero();
        assertThat((int) answer.readUnsignedByte()).as("the seed's handshake, in plaintext").isEqualTo(19);
        answer.skipBytes(19 + 8);
        byte[] hash = new byte[20];
        answer.readBytes(hash);
        assertThat(hash).isEqualTo(torrent.v1().toBytes());
        answer.skipBytes(20);
        assertThat(nextId(answer)).isEqualTo(PeerMessages.HAVE_ALL);

        client.ch.writeInbound(message(PeerMessages.INTERESTED));
        assertThat(nextId(written(client.ch))).as("the peer wire goes on in plaintext")
                .isEqualTo(PeerMessages.UNCHOKE);
        assertThat(client.ch.isActive()).isTrue();
        assertThat(seed.metrics().encryptedHandshakes()).isOne();
    }

    /** One client in 256 has a public key that opens with 19, the byte a plaintext handshake opens with. */
    @Test
    void answersAPublicKeyThatOpensWithAPlaintextHandshakesFirstByte() throws Exception {
        BigInteger privateKey;
        do {
            privateKey = new BigInteger(160, RANDOM);
        } while (EncryptedHandshake.unsigned(BigInteger.TWO.modPow(privateKey, EncryptedHandshake.P))[0] != 19);
        Initiator client = new Initiator(privateKey);
        client.exchangeKeys(0);
        client.offer(torrent.v1().toBytes(), EncryptedHandshake.PLAINTEXT, handshake(torrent.v1().toBytes(), false, false));

        ByteBuf answer = written(client.ch).skipBytes(14);
        assertThat((int) answer.readUnsignedByte()).as("the seed's handshake, in plaintext").isEqualTo(19);
        assertThat(client.ch.isActive()).isTrue();
    }

    @Test
    void takesAPlaintextHandshakeThatFollowsAnEmptyInitialPayload() throws Exception {
        Initiator client = new Initiator();
        client.exchangeKeys(512);
        client.offer(torrent.v1().toBytes(), EncryptedHandshake.PLAINTEXT, Unpooled.EMPTY_BUFFER);
        written(client.ch).skipBytes(14);

        client.ch.writeInbound(handshake(torrent.v1().toBytes(), false, false));
        ByteBuf answer = written(client.ch);
        assertThat((int) answer.readUnsignedByte()).isEqualTo(19);
        answer.skipBytes(67);
        assertThat(nextId(answer)).as("a full bitfield, no Fast").isEqualTo(PeerMessages.BITFIELD);
        assertThat(client.ch.isActive()).isTrue();
    }

    @Test
    void closesAClientThatOffersRc4AloneOrNamesATorrentNotServedOrNeverSyncs() throws Exception {
        Initiator rc4Only = new Initiator();
        rc4Only.exchangeKeys(0);
        rc4Only.offer(torrent.v1().toBytes(), EncryptedHandshake.RC4, handshake(torrent.v1().toBytes(), true, true));
        assertThat(rc4Only.ch.isActive()).isFalse();
        assertThat(seed.metrics().count(CloseReason.ENCRYPTED)).isOne();

        Initiator unknown = new Initiator();
        unknown.exchangeKeys(0);
        unknown.offer(new byte[20], EncryptedHandshake.PLAINTEXT, Unpooled.EMPTY_BUFFER);
        assertThat(unknown.ch.isActive()).isFalse();
        assertThat(seed.metrics().count(CloseReason.UNKNOWN_TORRENT)).isOne();

        Initiator lost = new Initiator();
        lost.exchangeKeys(0);
        lost.ch.writeInbound(Unpooled.wrappedBuffer(new byte[511]));
        assertThat(lost.ch.isActive()).as("HASH('req1', S) may still come").isTrue();
        lost.ch.writeInbound(Unpooled.wrappedBuffer(new byte[21]));
        assertThat(lost.ch.isActive()).as("no HASH('req1', S) within 512 bytes of padding").isFalse();
        assertThat(seed.metrics().count(CloseReason.ENCRYPTED)).isEqualTo(2);
        assertThat(seed.metrics().encryptedHandshakes()).isZero();
    }

    @Test
    void pastTheBudgetOfExchangesAKeyIsRefusedUnansweredASecondLaterAndPlaintextStillPasses() throws Exception {
        exchanges = new ExchangeBudget(1, () -> 0L); // two seconds' worth, and the clock stands still
        new Initiator().exchangeKeys(0);
        new Initiator().exchangeKeys(0);

        Initiator third = new Initiator();
        third.ch.freezeTime();
        third.ch.writeInbound(Unpooled.wrappedBuffer(new byte[96]));
        assertThat((ByteBuf) third.ch.readOutbound()).as("no key of the seed's").isNull();
        assertThat(seed.metrics().count(CloseReason.ENCRYPTION_BUDGET)).isOne();
        third.ch.writeInbound(Unpooled.wrappedBuffer(new byte[96]));
        third.ch.advanceTimeBy(EncryptedHandshake.REFUSAL_DELAY.toMillis() - 1, TimeUnit.MILLISECONDS);
        third.ch.runScheduledPendingTasks();
        assertThat(third.ch.isActive()).as("held, so that a flooder waiting for the answer waits").isTrue();
        third.ch.advanceTimeBy(1, TimeUnit.MILLISECONDS);
        third.ch.runScheduledPendingTasks();
        assertThat(third.ch.isActive()).isFalse();
        assertThat((ByteBuf) third.ch.readOutbound()).as("nothing said while held").isNull();
        assertThat(seed.metrics().count(CloseReason.ENCRYPTION_BUDGET)).isOne();

        PeerConnection peer = new PeerConnection(seed);
        EmbeddedChannel plain = new EmbeddedChannel(new EncryptedHandshake(seed, peer, exchanges), peer);
        plain.writeInbound(handshake(torrent.v1().toBytes(), true, true));
        assertThat((int) written(plain).readUnsignedByte()).as("a plaintext handshake costs no exchange").isEqualTo(19);
    }

    @Test
    void letsAPlaintextHandshakeThrough() throws Exception {
        PeerConnection peer = new PeerConnection(seed);
        EmbeddedChannel ch = new EmbeddedChannel(new EncryptedHandshake(seed, peer, exchanges), peer);
        ch.writeInbound(handshake(torrent.v1().toBytes(), true, true));
        assertThat((int) written(ch).readUnsignedByte()).isEqualTo(19);
        assertThat(ch.pipeline().get(EncryptedHandshake.class)).isNull();
    }

    /** A plaintext handshake may come a few bytes at a time: its header is told from a key once it is whole. */
    @Test
    void letsAPlaintextHandshakeThroughThatComesAFewBytesAtATime() throws Exception {
        PeerConnection peer = new PeerConnection(seed);
        EmbeddedChannel ch = new EmbeddedChannel(new EncryptedHandshake(seed, peer, exchanges), peer);
        ByteBuf handshake = handshake(torrent.v1().toBytes(), true, true);
        while (handshake.isReadable()) {
            ch.writeInbound(handshake.readRetainedSlice(Math.min(7, handshake.readableBytes())));
        }
        assertThat((int) written(ch).readUnsignedByte()).isEqualTo(19);
        assertThat(ch.pipeline().get(EncryptedHandshake.class)).isNull();
        assertThat(seed.metrics().encryptedHandshakes()).isZero();
    }

    @Test
    void itsRc4IsTheJdksAfterTheFirst1024BytesOfKeystream() throws Exception {
        byte[] key = sha1(bytes("keyA"), new byte[96], torrent.v1().toBytes());
        byte[] text = "Seedcast sends in plaintext".getBytes(StandardCharsets.US_ASCII);
        Cipher jdk = Cipher.getInstance("ARCFOUR");
        jdk.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "ARCFOUR"));
        jdk.update(new byte[1024]);
        assertThat(new EncryptedHandshake.Rc4(key).apply(text.clone())).isEqualTo(jdk.update(text));
    }
}
