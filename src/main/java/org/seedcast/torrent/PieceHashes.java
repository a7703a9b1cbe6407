package org.seedcast.torrent;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Optional;

import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BInteger;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.torrent.bencode.BencodeDecoder;
import org.seedcast.torrent.bencode.BencodeEncoder;
import org.seedcast.torrent.bencode.BencodeException;

/**
 * The hashes of one file, ready for a torrent: the v1 piece SHA-1s (BEP 3) and, for a hybrid,
 * the v2 {@code pieces root} and piece layer (BEP 52); and, when asked for, the SHA-256 of the
 * whole file for integrity checks (a {@code podcast:integrity} value, say). Immutable.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
public final class PieceHashes {

    private final TorrentFormat format;
    private final long fileLength;
    private final int pieceLength;
    private final byte[] pieces;
    private final byte[] piecesRoot;
    private final byte[] pieceLayer;
    private final byte[] fileSha256;

    private PieceHashes(TorrentFormat format, long fileLength, int pieceLength, byte[] pieces,
            byte[] piecesRoot, byte[] pieceLayer, byte[] fileSha256) {
        this.format = format;
        this.fileLength = fileLength;
        this.pieceLength = pieceLength;
        this.pieces = pieces;
        this.piecesRoot = piecesRoot;
        this.pieceLayer = pieceLayer;
        this.fileSha256 = fileSha256;
    }

    /**
     * Assembles finished pieces: {@code layer} holds each piece's subtree root; for a file of
     * one piece that root is the file's {@code pieces root}, otherwise the root is computed over
     * the layer padded with the root of an all-zero piece.
     */
    static PieceHashes of(TorrentFormat format, long fileLength, int pieceLength, byte[] pieces,
            byte[] layer, byte[] fileSha256) {
        if (!format.hasV2()) {
            return new PieceHashes(format, fileLength, pieceLength, pieces, null, null, fileSha256);
        }
        int count = pieces.length / 20;
        if (count == 1) {
            return new PieceHashes(format, fileLength, pieceLength, pieces, layer.clone(), null,
                    fileSha256);
        }
        MessageDigest sha256 = MerkleTree.sha256();
        int width = MerkleTree.width(count);
        byte[] nodes = Arrays.copyOf(layer, width * MerkleTree.HASH);
        byte[] pad = MerkleTree.zeroRoot(pieceLength / PieceDigester.BLOCK, sha256);
        byte[] root = MerkleTree.root(nodes, count, width, pad, sha256);
        return new PieceHashes(format, fileLength, pieceLength, pieces, root, layer, fileSha256);
    }

    /**
     * A compact bencoded form, to keep the hashes of an upload until its episode is published:
     * {@code d6:format…6:length…12:piece length…6:pieces…e} plus the v2 layer and the file's SHA-256.
     */
    public byte[] toBytes() {
        BDict.Builder dict = BDict.builder()
                .put("format", format.name())
                .put("length", fileLength)
                .put("piece length", pieceLength)
                .put("pieces", BString.of(pieces));
        if (piecesRoot != null) {
            dict.put("layer", BString.of(pieceLayer != null ? pieceLayer : piecesRoot));
        }
        if (fileSha256 != null) {
            dict.put("sha256", BString.of(fileSha256));
        }
        return BencodeEncoder.encode(dict.build());
    }

    /**
     * Reads what {@link #toBytes()} wrote.
     *
     * @throws InvalidTorrentException when the bytes are not such a record
     */
    public static PieceHashes fromBytes(byte[] bytes) throws InvalidTorrentException {
        try {
            if (!(BencodeDecoder.strict().decode(bytes) instanceof BDict dict)) {
                throw new InvalidTorrentException("piece hashes are a dictionary");
            }
            TorrentFormat format = TorrentFormat.valueOf(text(dict, "format"));
            long length = number(dict, "length");
            int pieceLength = PieceLength.check((int) number(dict, "piece length"));
            byte[] pieces = string(dict, "pieces");
            if (pieces.length == 0 || pieces.length % 20 != 0) {
                throw new InvalidTorrentException("pieces must be a positive multiple of 20 bytes");
            }
            byte[] layer = format.hasV2() ? string(dict, "layer") : null;
            byte[] sha256 = dict.get("sha256").map(v -> ((BString) v).bytes()).orElse(null);
            return of(format, length, pieceLength, pieces, layer, sha256);
        } catch (BencodeException | IllegalArgumentException | ClassCastException e) {
            throw new InvalidTorrentException("unreadable piece hashes: " + e.getMessage());
        }
    }

    private static String text(BDict dict, String key) throws InvalidTorrentException {
        return new String(string(dict, key), StandardCharsets.US_ASCII);
    }

    private static byte[] string(BDict dict, String key) throws InvalidTorrentException {
        if (dict.get(key).orElse(null) instanceof BString value) {
            return value.bytes();
        }
        throw new InvalidTorrentException("piece hashes lack " + key);
    }

    private static long number(BDict dict, String key) throws InvalidTorrentException {
        if (dict.get(key).orElse(null) instanceof BInteger value) {
            return value.value();
        }
        throw new InvalidTorrentException("piece hashes lack " + key);
    }

    public TorrentFormat format() {
        return format;
    }

    public long fileLength() {
        return fileLength;
    }

    public int pieceLength() {
        return pieceLength;
    }

    public int pieceCount() {
        return pieces.length / 20;
    }

    /** The v1 {@code pieces} value: 20-byte SHA-1s, one per piece, concatenated. */
    public byte[] pieces() {
        return pieces.clone();
    }

    /** The v2 merkle root of the file (32 bytes); empty for a v1 torrent. */
    public Optional<byte[]> piecesRoot() {
        return Optional.ofNullable(piecesRoot).map(byte[]::clone);
    }

    /**
     * The v2 piece layer (32 bytes per piece) for the torrent's {@code piece layers}; empty for a
     * v1 torrent and for a file no longer than one piece, which BEP 52 leaves out.
     */
    public Optional<byte[]> pieceLayer() {
        return Optional.ofNullable(pieceLayer).map(byte[]::clone);
    }

    /** The SHA-256 of the whole file, when it was asked for. */
    public Optional<byte[]> fileSha256() {
        return Optional.ofNullable(fileSha256).map(byte[]::clone);
    }
}
