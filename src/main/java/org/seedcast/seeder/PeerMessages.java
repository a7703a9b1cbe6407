package org.seedcast.seeder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;

/**
 * The peer wire's messages as the seed writes them: the handshake and length-prefixed messages
 * ({@code <length:4><id:1><payload>}, big-endian).
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0003.html#peer-messages">BEP 3, peer messages</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0006.html">BEP 6, Fast extension</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0010.html">BEP 10, extension protocol</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52, hash request and hashes</a>
 */
final class PeerMessages {

    static final byte[] PROTOCOL = "BitTorrent protocol".getBytes(StandardCharsets.US_ASCII);
    /** {@code <19><"BitTorrent protocol"><reserved:8><info_hash:20><peer_id:20>}. */
    static final int HANDSHAKE_LENGTH = 1 + 19 + 8 + 20 + 20;
    /** A plaintext handshake's header, {@code <19><"BitTorrent protocol">}: what tells it from anything else. */
    static final int HEADER_LENGTH = 1 + 19;
    /** The block size every client asks for, and the most the seed sends in one {@code piece}. */
    static final int BLOCK = 16 * 1024;
    /** A metadata piece (BEP 9). */
    static final int METADATA_PIECE = 16 * 1024;

    static final int CHOKE = 0;
    static final int UNCHOKE = 1;
    static final int INTERESTED = 2;
    static final int NOT_INTERESTED = 3;
    static final int HAVE = 4;
    static final int BITFIELD = 5;
    static final int REQUEST = 6;
    static final int PIECE = 7;
    static final int CANCEL = 8;
    static final int HAVE_ALL = 14;
    static final int HAVE_NONE = 15;
    static final int REJECT = 16;
    static final int EXTENDED = 20;
    static final int HASH_REQUEST = 21;
    static final int HASHES = 22;
    static final int HASH_REJECT = 23;

    /** BEP 10's extended handshake id, and the id the seed gives {@code ut_metadata} in its own. */
    static final int EXTENDED_HANDSHAKE = 0;
    static final int UT_METADATA = 1;

    /** {@code <pieces root:32><base layer:4><index:4><length:4><proof layers:4>}. */
    static final int HASH_REQUEST_LENGTH = 32 + 4 * 4;

    private PeerMessages() {
    }

    /**
     * The seed's handshake: extension protocol ({@code reserved[5] & 0x10}, BEP 10), Fast
     * ({@code reserved[7] & 0x04}, BEP 6), and for a hybrid the v2 upgrade bit
     * ({@code reserved[7] & 0x10}, BEP 52).
     */
    static ByteBuf handshake(ByteBufAllocator alloc, byte[] infoHash, byte[] peerId, boolean hybrid) {
        ByteBuf b = alloc.buffer(HANDSHAKE_LENGTH);
        b.writeByte(PROTOCOL.length).writeBytes(PROTOCOL);
        b.writeZero(5).writeByte(0x10).writeByte(0).writeByte(0x04 | (hybrid ? 0x10 : 0));
        return b.writeBytes(infoHash).writeBytes(peerId);
    }

    /** A message with no payload: choke, unchoke, have all... */
    static ByteBuf simple(ByteBufAllocator alloc, int id) {
        return alloc.buffer(5).writeInt(1).writeByte(id);
    }

    static ByteBuf keepAlive(ByteBufAllocator alloc) {
        return alloc.buffer(4).writeInt(0);
    }

    /** Every piece: all bits set, the spare bits of the last byte zero. */
    static ByteBuf fullBitfield(ByteBufAllocator alloc, int pieces) {
        int bytes = (pieces + 7) / 8;
        ByteBuf b = alloc.buffer(5 + bytes).writeInt(1 + bytes).writeByte(BITFIELD);
        for (int i = 0; i < bytes - 1; i++) {
            b.writeByte(0xFF);
        }
        int spare = bytes * 8 - pieces;
        return b.writeByte((0xFF << spare) & 0xFF);
    }

    /** The 13 bytes before a block: {@code <length = 9 + block><7><index><begin>}. */
    static ByteBuf pieceHeader(ByteBufAllocator alloc, int index, int begin, int length) {
        return alloc.buffer(13).writeInt(9 + length).writeByte(PIECE).writeInt(index).writeInt(begin);
    }

    /** {@code reject} (BEP 6): the request will not be served. */
    static ByteBuf reject(ByteBufAllocator alloc, int index, int begin, int length) {
        return alloc.buffer(17).writeInt(13).writeByte(REJECT).writeInt(index).writeInt(begin).writeInt(length);
    }

    /** An extended message (BEP 10): {@code <20><extension id><bencoded payload><trailing bytes>}. */
    static ByteBuf extended(ByteBufAllocator alloc, int extensionId, byte[] payload, byte[] trailer, int trailerOffset,
                            int trailerLength) {
        ByteBuf b = alloc.buffer(6 + payload.length + trailerLength);
        b.writeInt(2 + payload.length + trailerLength).writeByte(EXTENDED).writeByte(extensionId).writeBytes(payload);
        return trailerLength == 0 ? b : b.writeBytes(trailer, trailerOffset, trailerLength);
    }

    /** {@code hashes} (22): the request's fields, then the hashes and proof (BEP 52). */
    static ByteBuf hashes(ByteBufAllocator alloc, ByteBuf request, byte[] hashes) {
        ByteBuf b = alloc.buffer(5 + HASH_REQUEST_LENGTH + hashes.length);
        b.writeInt(1 + HASH_REQUEST_LENGTH + hashes.length).writeByte(HASHES);
        return b.writeBytes(request, request.readerIndex(), HASH_REQUEST_LENGTH).writeBytes(hashes);
    }

    /** {@code hash reject} (23): the request's fields, echoed (BEP 52). */
    static ByteBuf hashReject(ByteBufAllocator alloc, ByteBuf request) {
        ByteBuf b = alloc.buffer(5 + HASH_REQUEST_LENGTH).writeInt(1 + HASH_REQUEST_LENGTH).writeByte(HASH_REJECT);
        return b.writeBytes(request, request.readerIndex(), HASH_REQUEST_LENGTH);
    }

    /**
     * How many of a plaintext handshake's header bytes ({@link #HEADER_LENGTH}) open {@code in}'s readable bytes,
     * counted up to the first that differs: {@link #HEADER_LENGTH} is a whole header; fewer than the bytes at hand
     * is no header at all.
     */
    static int headerBytesMatched(ByteBuf in) {
        int at = in.readerIndex();
        int known = Math.min(in.readableBytes(), HEADER_LENGTH);
        for (int i = 0; i < known; i++) {
            int expected = i == 0 ? PROTOCOL.length : PROTOCOL[i - 1];
            if (in.getByte(at + i) != expected) {
                return i;
            }
        }
        return known;
    }
}
