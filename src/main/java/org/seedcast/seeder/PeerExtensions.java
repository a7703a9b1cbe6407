package org.seedcast.seeder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one peer's connection answers beyond BEP 3: the extension handshake (BEP 10, with
 * {@code upload_only} of BEP 21), {@code ut_metadata} pieces of the info dict (BEP 9) and, for a
 * hybrid, {@code hash request}s (BEP 52). Answers are built here and written by the connection.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0009.html">BEP 9</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0010.html">BEP 10</a>
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
final class PeerExtensions {

    private static final Logger log = LoggerFactory.getLogger(PeerExtensions.class);
    static final String VERSION = "Seedcast/0.1";

    private final SeededTorrent torrent;
    /** The id the peer gave {@code ut_metadata} in its extension handshake; 0 until it has. */
    private int peerMetadataId;

    PeerExtensions(SeededTorrent torrent) {
        this.torrent = torrent;
    }

    /**
     * {@code {m: {ut_metadata: 1}, metadata_size, reqq, upload_only: 1, v, yourip}}, keys in
     * bencode's order.
     */
    byte[] handshake(int requestQueue, InetAddress remote) {
        PeerBencode.Writer w = new PeerBencode.Writer()
                .integers("m", "ut_metadata", PeerMessages.UT_METADATA)
                .integer("metadata_size", torrent.infoDict().length)
                .integer("reqq", requestQueue)
                .integer("upload_only", 1)
                .string("v", VERSION.getBytes(StandardCharsets.US_ASCII));
        if (remote != null) {
            w.string("yourip", remote.getAddress());
        }
        return w.end();
    }

    /**
     * An extended message's answer: nothing for the peer's extension handshake (its
     * {@code ut_metadata} id is kept), a metadata piece or reject for a {@code ut_metadata} request.
     *
     * @return the answer, or {@code null} when there is none
     * @throws IllegalArgumentException if the message is not bencoded as it must be
     */
    ByteBuf received(int extension, byte[] body, ByteBufAllocator alloc) {
        if (extension == PeerMessages.EXTENDED_HANDSHAKE) {
            int m = PeerBencode.find(body, 0, "m");
            peerMetadataId = m < 0 || body[m] != 'd' ? 0 : (int) PeerBencode.integer(body, m, "ut_metadata", 0);
            return null;
        }
        return extension == PeerMessages.UT_METADATA ? metadata(body, alloc) : null;
    }

    /** A {@code ut_metadata} request: the piece as {@code data}, or {@code reject} when out of range. */
    private ByteBuf metadata(byte[] body, ByteBufAllocator alloc) {
        long type = PeerBencode.integer(body, 0, "msg_type", -1);
        long piece = PeerBencode.integer(body, 0, "piece", -1);
        if (type != 0 || peerMetadataId <= 0 || peerMetadataId > 255) {
            return null; // only requests are answered, and only to a peer that named its ut_metadata id
        }
        byte[] info = torrent.infoDict();
        int pieces = (info.length + PeerMessages.METADATA_PIECE - 1) / PeerMessages.METADATA_PIECE;
        if (piece < 0 || piece >= pieces) {
            byte[] reject = new PeerBencode.Writer().integer("msg_type", 2).integer("piece", piece).end();
            return PeerMessages.extended(alloc, peerMetadataId, reject, null, 0, 0);
        }
        int from = (int) piece * PeerMessages.METADATA_PIECE;
        int length = Math.min(PeerMessages.METADATA_PIECE, info.length - from);
        byte[] header = new PeerBencode.Writer().integer("msg_type", 1).integer("piece", piece)
                .integer("total_size", info.length).end();
        return PeerMessages.extended(alloc, peerMetadataId, header, info, from, length);
    }

    /**
     * A {@code hash request} (21) of {@link PeerMessages#HASH_REQUEST_LENGTH} bytes: {@code hashes} (22)
     * from the file's merkle layers, or {@code hash reject} (23) when the pieces root is not this
     * file's or the layers cannot answer (not kept, or an invalid request).
     */
    ByteBuf hashRequest(ByteBuf request, ByteBufAllocator alloc) {
        int at = request.readerIndex();
        byte[] root = new byte[32];
        request.getBytes(at, root);
        Optional<byte[]> answer = Optional.empty();
        if (torrent.hybrid() && Arrays.equals(root, torrent.piecesRoot())) {
            answer = hashes(request.getInt(at + 32), request.getInt(at + 36), request.getInt(at + 40),
                    request.getInt(at + 44));
        }
        return answer.isPresent() ? PeerMessages.hashes(alloc, request, answer.get())
                : PeerMessages.hashReject(alloc, request);
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
}
