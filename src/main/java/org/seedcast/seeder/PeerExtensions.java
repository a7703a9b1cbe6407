package org.seedcast.seeder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.net.InetAddress;
import java.util.Arrays;
import java.util.Optional;
import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BInteger;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.torrent.bencode.BValue;
import org.seedcast.torrent.bencode.BencodeDecoder;
import org.seedcast.torrent.bencode.BencodeEncoder;
import org.seedcast.torrent.bencode.BencodeException;
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
    /** An extended message fits the peer wire's largest message; a handful of keys, shallow. */
    private static final BencodeDecoder MESSAGES = new BencodeDecoder(64 * 1024, 32, 4096).lenient();

    private final SeededTorrent torrent;
    /** The id the peer gave {@code ut_metadata} in its extension handshake; 0 until it has. */
    private int peerMetadataId;

    PeerExtensions(SeededTorrent torrent) {
        this.torrent = torrent;
    }

    /** {@code {m: {ut_metadata: 1}, metadata_size, reqq, upload_only: 1, v, yourip}}. */
    byte[] handshake(int requestQueue, InetAddress remote) {
        BDict.Builder handshake = BDict.builder()
                .put("m", BDict.builder().put("ut_metadata", PeerMessages.UT_METADATA).build())
                .put("metadata_size", torrent.infoDict().length)
                .put("reqq", requestQueue)
                .put("upload_only", 1)
                .put("v", VERSION);
        if (remote != null) {
            handshake.put("yourip", BString.of(remote.getAddress()));
        }
        return BencodeEncoder.encode(handshake.build());
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
            Optional<BValue> names = dictionary(body).get("m");
            peerMetadataId = names.isPresent() && names.get() instanceof BDict m ? (int) integer(m, "ut_metadata", 0) : 0;
            return null;
        }
        return extension == PeerMessages.UT_METADATA ? metadata(dictionary(body), alloc) : null;
    }

    /**
     * The dictionary an extended message starts with, read leniently (BEP 10 clients do not all sort
     * their keys) and within the peer wire's small limits.
     *
     * @throws IllegalArgumentException if the message does not start with a bencoded dictionary
     */
    private static BDict dictionary(byte[] body) {
        try {
            return MESSAGES.decodeFirst(body) instanceof BDict dict ? dict : failNotADictionary();
        } catch (BencodeException e) {
            throw new IllegalArgumentException("extended message is not bencoded: " + e.getMessage(), e);
        }
    }

    private static BDict failNotADictionary() {
        throw new IllegalArgumentException("extended message is not a bencoded dictionary");
    }

    private static long integer(BDict dict, String key, long otherwise) {
        return dict.get(key).filter(BInteger.class::isInstance).map(v -> ((BInteger) v).value()).orElse(otherwise);
    }

    /** A {@code ut_metadata} request: the piece as {@code data}, or {@code reject} when out of range. */
    private ByteBuf metadata(BDict message, ByteBufAllocator alloc) {
        long type = integer(message, "msg_type", -1);
        long piece = integer(message, "piece", -1);
        if (type != 0 || peerMetadataId <= 0 || peerMetadataId > 255) {
            return null; // only requests are answered, and only to a peer that named its ut_metadata id
        }
        byte[] info = torrent.infoDict();
        int pieces = (info.length + PeerMessages.METADATA_PIECE - 1) / PeerMessages.METADATA_PIECE;
        if (piece < 0 || piece >= pieces) {
            byte[] reject = BencodeEncoder.encode(BDict.builder().put("msg_type", 2).put("piece", piece).build());
            return PeerMessages.extended(alloc, peerMetadataId, reject, null, 0, 0);
        }
        int from = (int) piece * PeerMessages.METADATA_PIECE;
        int length = Math.min(PeerMessages.METADATA_PIECE, info.length - from);
        byte[] header = BencodeEncoder.encode(BDict.builder().put("msg_type", 1).put("piece", piece)
                .put("total_size", info.length).build());
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
