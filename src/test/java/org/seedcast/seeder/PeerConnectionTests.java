package org.seedcast.seeder;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.FileRegion;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.publishing.Seedable;
import org.seedcast.torrent.TorrentFormat;

/**
 * A peer connection byte by byte, on Netty's embedded channel: what the seed answers to a
 * handshake, to requests, to metadata requests, and which peers it lets go.
 */
class PeerConnectionTests {

    /** 40 KiB + 100 bytes in pieces of 16 KiB: three pieces, the last one 8,292 bytes. */
    static final int SIZE = 40 * 1024 + 100;
    static final int PIECE = 16 * 1024;

    @TempDir
    Path dir;

    Path file;
    Seedable seedable;
    SeedRegistry registry;
    SeededTorrent torrent;
    Seed seed;
    AtomicLong now = new AtomicLong(1_000_000_000L);

    @BeforeEach
    void seed() throws Exception {
        file = SeedFixture.media(dir, "episode.mp4", SIZE, 3);
        seedable = SeedFixture.seedable(7, file, TorrentFormat.V1, PIECE);
        registry = new SeedRegistry();
        torrent = SeedFixture.seeded(seedable, 1);
        registry.add(torrent);
        seed = SeedFixture.seed(registry, SeedFixture.settings(1, 4, 0), now::get);
    }

    EmbeddedChannel connect() {
        return connect(seed);
    }

    EmbeddedChannel connect(Seed to) {
        return new EmbeddedChannel(new PeerConnection(to));
    }

    /**
     * A seed that sends each peer 1,000 bytes a second after a burst of two blocks, on a clock that
     * stands still: the blocks asked for after the second one stay queued.
     */
    Seed slowSeed() {
        return SeedFixture.seed(registry, SeedFixture.settings(1, 4, 1000), now::get);
    }

    static ByteBuf handshake(byte[] infoHash, boolean fast, boolean extensions) {
        ByteBuf b = Unpooled.buffer();
        b.writeByte(19).writeBytes("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII));
        b.writeZero(5).writeByte(extensions ? 0x10 : 0).writeByte(0).writeByte(fast ? 0x04 : 0); // reserved
        b.writeBytes(infoHash);                                                                   // info_hash
        b.writeBytes("-LT2080-abcdefghijkl".getBytes(StandardCharsets.US_ASCII));                // peer_id
        return b;
    }

    static ByteBuf message(int id, int... ints) {
        ByteBuf b = Unpooled.buffer().writeInt(1 + 4 * ints.length).writeByte(id); // length, id
        for (int i : ints) {
            b.writeInt(i);
        }
        return b;
    }

    static ByteBuf extended(int extension, String bencoded) {
        byte[] body = bencoded.getBytes(StandardCharsets.ISO_8859_1);
        return Unpooled.buffer().writeInt(2 + body.length).writeByte(20).writeByte(extension).writeBytes(body);
    }

    /** Everything the seed wrote, blocks read from their file regions, as one buffer. */
    static ByteBuf written(EmbeddedChannel ch) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Object m; (m = ch.readOutbound()) != null; ) {
            if (m instanceof ByteBuf b) {
                byte[] bytes = new byte[b.readableBytes()];
                b.readBytes(bytes);
                b.release();
                out.writeBytes(bytes);
            } else if (m instanceof FileRegion r) {
                r.transferTo(Channels.newChannel(out), 0);
                r.release();
            }
        }
        return Unpooled.wrappedBuffer(out.toByteArray());
    }

    /** Skips the seed's handshake and the messages after it that a test does not look at. */
    static ByteBuf afterHandshake(ByteBuf b) {
        b.skipBytes(68);
        return b;
    }

    static int nextId(ByteBuf b) {
        int length = b.readInt();
        int id = b.readUnsignedByte();
        b.skipBytes(length - 1);
        return id;
    }

    @Test
    void answersAHandshakeWithItsOwnThenHaveAllAndTheExtensionHandshake() throws Exception {
        EmbeddedChannel ch = connect();
        ch.writeInbound(handshake(torrent.v1().toBytes(), true, true));
        ByteBuf out = written(ch);

        assertThat((int) out.readUnsignedByte()).isEqualTo(19);
        byte[] protocol = new byte[19];
        out.readBytes(protocol);
        assertThat(new String(protocol, StandardCharsets.US_ASCII)).isEqualTo("BitTorrent protocol");
        byte[] reserved = new byte[8];
        out.readBytes(reserved);
        assertThat(reserved[5] & 0x10).as("extension protocol").isEqualTo(0x10);
        assertThat(reserved[7] & 0x04).as("fast").isEqualTo(0x04);
        assertThat(reserved[7] & 0x10).as("no v2 upgrade for a v1 torrent").isZero();
        byte[] hash = new byte[20];
        out.readBytes(hash);
        assertThat(hash).isEqualTo(torrent.v1().toBytes());
        out.skipBytes(20); // peer id
        assertThat(out.readInt()).isEqualTo(1);
        assertThat((int) out.readUnsignedByte()).as("have all").isEqualTo(14);
        int length = out.readInt();
        assertThat((int) out.readUnsignedByte()).isEqualTo(20);
        assertThat((int) out.readUnsignedByte()).as("extension handshake").isZero();
        byte[] dict = new byte[length - 2];
        out.readBytes(dict);
        String text = new String(dict, StandardCharsets.ISO_8859_1);
        assertThat(text).startsWith("d1:md11:ut_metadatai1ee13:metadata_sizei" + torrent.infoDict().length + "e4:reqqi4e"
                + "11:upload_onlyi1e1:v12:Seedcast/0.1");
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void sendsAFullBitfieldWithItsSpareBitsClearToAPeerWithoutFast() throws Exception {
        EmbeddedChannel ch = connect();
        ch.writeInbound(handshake(torrent.v1().toBytes(), false, false));
        ByteBuf out = afterHandshake(written(ch));

        assertThat(out.readInt()).isEqualTo(2);          // length: id + one byte for three pieces
        assertThat((int) out.readUnsignedByte()).isEqualTo(5); // bitfield
        assertThat((int) out.readUnsignedByte()).isEqualTo(0b1110_0000);
        assertThat(out.isReadable()).isFalse();
    }

    @Test
    void servesTheMetadataInPiecesOf16KiBAndRejectsAPieceOutOfRange() throws Exception {
        EmbeddedChannel ch = connect();
        ch.writeInbound(handshake(torrent.v1().toBytes(), true, true));
        ch.writeInbound(extended(0, "d1:md11:ut_metadatai3eee"));
        written(ch);

        ch.writeInbound(extended(1, "d8:msg_typei0e5:piecei0ee"));
        ByteBuf out = written(ch);
        int length = out.readInt();
        assertThat((int) out.readUnsignedByte()).isEqualTo(20);
        assertThat((int) out.readUnsignedByte()).as("the peer's own id for ut_metadata").isEqualTo(3);
        byte[] body = new byte[length - 2];
        out.readBytes(body);
        String header = "d8:msg_typei1e5:piecei0e10:total_sizei" + torrent.infoDict().length + "ee";
        assertThat(new String(body, 0, header.length(), StandardCharsets.ISO_8859_1)).isEqualTo(header);
        assertThat(Arrays.copyOfRange(body, header.length(), body.length)).isEqualTo(torrent.infoDict());

        ch.writeInbound(extended(1, "d8:msg_typei0e5:piecei1ee"));
        out = written(ch);
        out.skipBytes(6);
        byte[] reject = new byte[out.readableBytes()];
        out.readBytes(reject);
        assertThat(new String(reject, StandardCharsets.ISO_8859_1)).isEqualTo("d8:msg_typei2e5:piecei1ee");
    }

    @Test
    void servesAPeerWhoseExtensionHandshakeHasItsKeysOutOfOrderAndClosesOneThatIsNotBencode() throws Exception {
        EmbeddedChannel ch = connect();
        ch.writeInbound(handshake(torrent.v1().toBytes(), true, true));
        ch.writeInbound(extended(0, "d1:v4:test1:md11:ut_metadatai3eee")); // v before m: not sorted
        written(ch);

        ch.writeInbound(extended(1, "d5:piecei0e8:msg_typei0ee"));
        ByteBuf out = written(ch);
        out.skipBytes(5);
        assertThat((int) out.readUnsignedByte()).as("the peer's own id for ut_metadata").isEqualTo(3);

        ch.writeInbound(extended(1, "d8:msg_typei0e5:piece"));
        assertThat(ch.isActive()).isFalse();
        assertThat(seed.metrics().count(CloseReason.PROTOCOL_VIOLATION)).isOne();
    }

    /** A peer past the handshake (Fast, extensions), interested and unchoked, with the seed's greeting read. */
    EmbeddedChannel unchokedPeer() throws Exception {
        return unchokedPeer(seed);
    }

    EmbeddedChannel unchokedPeer(Seed to) throws Exception {
        EmbeddedChannel ch = connect(to);
        ch.writeInbound(handshake(torrent.v1().toBytes(), true, true));
        ch.writeInbound(message(2)); // interested
        ByteBuf out = afterHandshake(written(ch));
        assertThat(nextId(out)).isEqualTo(14); // have all
        assertThat(nextId(out)).isEqualTo(20); // extension handshake
        assertThat(nextId(out)).isEqualTo(1);  // unchoke: a slot was free
        return ch;
    }

    byte[] fileBytes(long from, int length) throws Exception {
        return Arrays.copyOfRange(Files.readAllBytes(file), (int) from, (int) from + length);
    }

    @Test
    void answersARequestWithThePieceHeaderAndTheBlockFromTheFile() throws Exception {
        EmbeddedChannel ch = unchokedPeer();
        ch.writeInbound(message(6, 2, 4096, 4196)); // request: index 2 (the last piece, 8,292 bytes), begin, length
        ByteBuf out = written(ch);

        assertThat(out.readInt()).isEqualTo(9 + 4196);    // length
        assertThat((int) out.readUnsignedByte()).isEqualTo(7); // piece
        assertThat(out.readInt()).isEqualTo(2);           // index
        assertThat(out.readInt()).isEqualTo(4096);        // begin
        byte[] block = new byte[4196];
        out.readBytes(block);
        assertThat(block).isEqualTo(fileBytes(2L * PIECE + 4096, 4196));
        assertThat(out.isReadable()).isFalse();
        assertThat(seed.traffic().sentByEpisode()).containsEntry(7L, 4196L);
    }

    @Test
    void closesAPeerAskingForMoreThanOneBlock() throws Exception {
        EmbeddedChannel ch = unchokedPeer();
        ch.writeInbound(message(6, 0, 0, 16 * 1024 + 1));
        assertThat(ch.isActive()).isFalse();
        assertThat(seed.metrics().count(CloseReason.PROTOCOL_VIOLATION)).isOne();
    }

    @Test
    void closesAPeerAskingPastTheEndOfAPieceOrOfTheFile() throws Exception {
        EmbeddedChannel inPiece = unchokedPeer();
        inPiece.writeInbound(message(6, 0, PIECE - 100, 200));
        assertThat(inPiece.isActive()).isFalse();

        EmbeddedChannel pastFile = unchokedPeer();
        pastFile.writeInbound(message(6, 2, 8192, 101)); // the last piece holds 8,292 bytes
        assertThat(pastFile.isActive()).isFalse();

        EmbeddedChannel noSuchPiece = unchokedPeer();
        noSuchPiece.writeInbound(message(6, 3, 0, 100));
        assertThat(noSuchPiece.isActive()).isFalse();
    }

    @Test
    void rejectsRequestsWhileChokedAndPastTheQueue() throws Exception {
        EmbeddedChannel choked = connect();
        choked.writeInbound(handshake(torrent.v1().toBytes(), true, false));
        written(choked);
        choked.writeInbound(message(6, 0, 0, 100));
        ByteBuf out = written(choked);
        assertThat(out.readInt()).isEqualTo(13);
        assertThat((int) out.readUnsignedByte()).as("reject").isEqualTo(16);
        assertThat(new int[] {out.readInt(), out.readInt(), out.readInt()}).containsExactly(0, 0, 100);
        assertThat(choked.isActive()).isTrue();
    }

    @Test
    void rejectsACancelledRequestInsteadOfSendingIt() throws Exception {
        EmbeddedChannel ch = unchokedPeer(slowSeed());
        ch.writeInbound(message(6, 0, 0, PIECE), message(6, 1, 0, PIECE), message(6, 2, 0, 100));
        ByteBuf out = written(ch);
        assertThat(nextId(out)).isEqualTo(7);
        assertThat(nextId(out)).isEqualTo(7);
        assertThat(out.isReadable()).as("the third block waits for the upload limit").isFalse();

        ch.writeInbound(message(8, 2, 0, 100)); // cancel
        out = written(ch);
        assertThat(out.readInt()).isEqualTo(13);
        assertThat((int) out.readUnsignedByte()).as("the cancelled one is rejected").isEqualTo(16);
        assertThat(new int[] {out.readInt(), out.readInt(), out.readInt()}).containsExactly(2, 0, 100);
        assertThat(out.isReadable()).isFalse();
    }

    @Test
    void aChokeRejectsEveryQueuedRequest() throws Exception {
        EmbeddedChannel ch = unchokedPeer(slowSeed());
        ch.writeInbound(message(6, 0, 0, PIECE), message(6, 1, 0, PIECE), message(6, 2, 0, 100),
                message(6, 2, 100, 100));
        written(ch);

        ch.writeInbound(message(3)); // not interested: the choker takes its slot back
        ByteBuf out = written(ch);
        assertThat(nextId(out)).isEqualTo(0); // choke
        assertThat(nextId(out)).isEqualTo(16);
        assertThat(nextId(out)).isEqualTo(16);
        assertThat(out.isReadable()).isFalse();
    }

    @Test
    void closesAPeerThatFloodsRequestsPastTheQueue() throws Exception {
        Seed slow = slowSeed();
        EmbeddedChannel ch = unchokedPeer(slow);
        // two blocks go, four wait in the queue, and then five more past it
        for (int i = 0; i < 2 + 4 + 5 && ch.isActive(); i++) {
            ch.writeInbound(message(6, 0, 0, PIECE));
        }
        assertThat(ch.isActive()).isFalse();
        assertThat(slow.metrics().count(CloseReason.REQUEST_FLOOD)).isOne();
    }

    @Test
    void letsGoOfPeersThatHaveEveryPiece() throws Exception {
        EmbeddedChannel haveAll = connect();
        haveAll.writeInbound(handshake(torrent.v1().toBytes(), true, false), message(14));
        assertThat(haveAll.isActive()).isFalse();

        EmbeddedChannel bitfield = connect();
        bitfield.writeInbound(handshake(torrent.v1().toBytes(), false, false),
                Unpooled.buffer().writeInt(2).writeByte(5).writeByte(0b1110_0000));
        assertThat(bitfield.isActive()).isFalse();

        EmbeddedChannel haves = connect();
        haves.writeInbound(handshake(torrent.v1().toBytes(), false, false), message(4, 0), message(4, 2));
        assertThat(haves.isActive()).isTrue();
        haves.writeInbound(message(4, 1));
        assertThat(haves.isActive()).isFalse();
        assertThat(seed.metrics().count(CloseReason.PEER_IS_SEED)).isEqualTo(3);
    }

    @Test
    void closesABitfieldWithItsSpareBitsSet() {
        EmbeddedChannel ch = connect();
        ch.writeInbound(handshake(torrent.v1().toBytes(), false, false),
                Unpooled.buffer().writeInt(2).writeByte(5).writeByte(0b0100_0001));
        assertThat(ch.isActive()).isFalse();
        assertThat(seed.metrics().count(CloseReason.PROTOCOL_VIOLATION)).isOne();
    }

    @Test
    void refusesEncryptedHandshakesUnknownTorrentsAndOtherProtocols() {
        EmbeddedChannel encrypted = connect();
        encrypted.writeInbound(Unpooled.wrappedBuffer(new byte[] {(byte) 0x98, 0x3f, (byte) 0xc2})); // an MSE DH key
        assertThat(encrypted.isActive()).isFalse();
        assertThat(encrypted.outboundMessages()).isEmpty();

        EmbeddedChannel unknown = connect();
        unknown.writeInbound(handshake(new byte[20], true, true));
        assertThat(unknown.isActive()).isFalse();
        assertThat(unknown.outboundMessages()).isEmpty();

        EmbeddedChannel other = connect();
        other.writeInbound(Unpooled.buffer().writeByte(19).writeBytes("HTTP/1.1 200 OK...".getBytes(StandardCharsets.US_ASCII)));
        assertThat(other.isActive()).isFalse();

        assertThat(seed.metrics().count(CloseReason.ENCRYPTED)).isOne();
        assertThat(seed.metrics().count(CloseReason.UNKNOWN_TORRENT)).isOne();
        assertThat(seed.metrics().count(CloseReason.NOT_BITTORRENT)).isOne();
    }

    @Test
    void atCapacityTheLoopShedsThePeerUsefulLongestAgoNotTheFirstToCome() {
        LoopPeers loop = new LoopPeers(2, now::get);
        PeerConnection first = new PeerConnection(seed);
        EmbeddedChannel firstChannel = new EmbeddedChannel(first);
        loop.opened(first, firstChannel.eventLoop());
        now.addAndGet(java.time.Duration.ofSeconds(1).toNanos());
        PeerConnection second = new PeerConnection(seed);
        EmbeddedChannel secondChannel = new EmbeddedChannel(second);
        loop.opened(second, secondChannel.eventLoop());
        now.addAndGet(java.time.Duration.ofSeconds(1).toNanos());
        firstChannel.writeInbound(handshake(torrent.v1().toBytes(), true, false));

        PeerConnection newcomer = new PeerConnection(seed);
        loop.opened(newcomer, new EmbeddedChannel(newcomer).eventLoop());

        assertThat(secondChannel.isActive()).as("the one that never handshook").isFalse();
        assertThat(firstChannel.isActive()).as("the first, which handshook since").isTrue();
        assertThat(loop.size()).isEqualTo(2);
        assertThat(seed.metrics().count(CloseReason.SHED)).isOne();
    }

    @Test
    void closesAHandshakeNotCompleteInTimeAndAPeerSilentForTheIdleTimeout() {
        PeerConnection slow = new PeerConnection(seed);
        EmbeddedChannel slowChannel = new EmbeddedChannel(slow);
        slowChannel.writeInbound(Unpooled.buffer().writeByte(19).writeBytes("BitTorrent".getBytes(StandardCharsets.US_ASCII)));
        assertThat(slow.tick(now.get() + java.time.Duration.ofSeconds(9).toNanos())).isTrue();
        assertThat(slow.tick(now.get() + java.time.Duration.ofSeconds(10).toNanos())).isFalse();
        assertThat(slowChannel.isActive()).isFalse();

        PeerConnection quiet = new PeerConnection(seed);
        EmbeddedChannel quietChannel = new EmbeddedChannel(quiet);
        quietChannel.writeInbound(handshake(torrent.v1().toBytes(), true, false));
        assertThat(quiet.tick(now.get() + java.time.Duration.ofMinutes(4).toNanos())).isFalse();
        assertThat(quietChannel.isActive()).isFalse();
        assertThat(seed.metrics().count(CloseReason.HANDSHAKE_TIMEOUT)).isOne();
        assertThat(seed.metrics().count(CloseReason.IDLE)).isOne();
    }

    @Test
    void sendsAKeepAliveAfterTwoMinutesWithoutSendingAnything() throws Exception {
        PeerConnection peer = new PeerConnection(seed);
        EmbeddedChannel ch = new EmbeddedChannel(peer);
        ch.writeInbound(handshake(torrent.v1().toBytes(), true, false));
        written(ch);
        assertThat(peer.tick(now.get() + java.time.Duration.ofSeconds(119).toNanos())).isTrue();
        assertThat(written(ch).isReadable()).isFalse();

        assertThat(peer.tick(now.get() + java.time.Duration.ofSeconds(120).toNanos())).isTrue();
        ByteBuf out = written(ch);
        assertThat(out.readInt()).isZero();
        assertThat(out.isReadable()).isFalse();
    }

    @Test
    void withdrawingTheEpisodeClosesItsPeers() throws Exception {
        EmbeddedChannel ch = unchokedPeer();
        registry.remove(7);
        ch.runPendingTasks();
        assertThat(ch.isActive()).isFalse();
        assertThat(registry.find(torrent.v1())).isNull();
    }

    static ByteBuf handshake(byte[] infoHash, int reserved7) {
        ByteBuf b = handshake(infoHash, true, true);
        b.setByte(27, reserved7); // reserved[7]
        return b;
    }

    SeededTorrent hybrid(java.util.function.Function<java.util.UUID, java.util.Optional<org.seedcast.torrent.MerkleLayers>> layers)
            throws Exception {
        Path media = SeedFixture.media(dir, "hybrid.mp4", SIZE, 4);
        SeededTorrent hybrid = new SeededTorrent(SeedFixture.seedable(8, media, TorrentFormat.HYBRID, PIECE), layers,
                new Choker(1, () -> false, new java.util.SplittableRandom(1)), SeedFixture.pieces());
        registry.add(hybrid);
        return hybrid;
    }

    @Test
    void upgradesAHybridsConnectionToV2WhenThePeerSpeaksIt() throws Exception {
        SeededTorrent hybrid = hybrid(id -> java.util.Optional.empty());
        byte[] v1 = hybrid.v1().toBytes();
        byte[] v2 = hybrid.v2Truncated().toBytes();

        EmbeddedChannel v1Only = connect();
        v1Only.writeInbound(handshake(v1, 0x04));
        ByteBuf out = written(v1Only);
        assertThat(out.getByte(27) & 0x10).as("the seed offers the upgrade").isEqualTo(0x10);
        assertThat(copy(out, 28, 20)).as("a v1 peer stays v1").isEqualTo(v1);

        EmbeddedChannel upgrading = connect();
        upgrading.writeInbound(handshake(v1, 0x04 | 0x10));
        assertThat(copy(written(upgrading), 28, 20)).as("BEP 52 upgrade: answered with the v2 hash").isEqualTo(v2);

        EmbeddedChannel v2Peer = connect();
        v2Peer.writeInbound(handshake(v2, 0x04 | 0x10));
        assertThat(copy(written(v2Peer), 28, 20)).isEqualTo(v2);
    }

    static byte[] copy(ByteBuf b, int from, int length) {
        byte[] bytes = new byte[length];
        b.getBytes(from, bytes);
        return bytes;
    }

    static ByteBuf hashRequest(byte[] piecesRoot, int baseLayer, int index, int length, int proofLayers) {
        return Unpooled.buffer().writeInt(1 + 48).writeByte(21) // length, hash request
                .writeBytes(piecesRoot)                         // pieces root
                .writeInt(baseLayer).writeInt(index).writeInt(length).writeInt(proofLayers);
    }

    @Test
    void answersAHashRequestWithAHashRejectWhileTheLayersAreNotKeptOrCannotAnswer() throws Exception {
        SeededTorrent hybrid = hybrid(id -> {
            throw new UnsupportedOperationException("not kept yet");
        });
        EmbeddedChannel ch = connect();
        ch.writeInbound(handshake(hybrid.v2Truncated().toBytes(), 0x04 | 0x10));
        written(ch);

        ch.writeInbound(hashRequest(hybrid.piecesRoot(), 0, 0, 2, 1));
        ByteBuf out = written(ch);
        assertThat(out.readInt()).isEqualTo(49);
        assertThat((int) out.readUnsignedByte()).as("hash reject").isEqualTo(23);
        assertThat(copy(out, out.readerIndex(), 32)).isEqualTo(hybrid.piecesRoot());
        out.skipBytes(32);
        assertThat(new int[] {out.readInt(), out.readInt(), out.readInt(), out.readInt()}).containsExactly(0, 0, 2, 1);
        assertThat(ch.isActive()).isTrue();
    }

    @Test
    void rejectsAHashRequestForAnotherFilesRootWithoutAskingTheLayers() throws Exception {
        SeededTorrent hybrid = hybrid(id -> {
            throw new AssertionError("the layers are not read for a request of another file");
        });
        EmbeddedChannel ch = connect();
        ch.writeInbound(handshake(hybrid.v1().toBytes(), 0x04 | 0x10));
        written(ch);

        ch.writeInbound(hashRequest(new byte[32], 0, 0, 2, 0));
        ByteBuf out = written(ch);
        out.skipBytes(4);
        assertThat((int) out.readUnsignedByte()).isEqualTo(23);
    }

    @Test
    void closesAPeerSendingAMalformedHashRequest() {
        EmbeddedChannel ch = connect();
        ch.writeInbound(handshake(torrent.v1().toBytes(), true, true));
        ch.writeInbound(Unpooled.buffer().writeInt(1 + 10).writeByte(21).writeZero(10));
        assertThat(ch.isActive()).isFalse();
    }
}
