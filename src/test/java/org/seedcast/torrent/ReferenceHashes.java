package org.seedcast.torrent;

import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A slow, literal reading of BEP 3 and BEP 52 over a whole byte array, to check the streaming
 * hashers against: all leaves, padded to a power of two with zero hashes, reduced level by level.
 */
final class ReferenceHashes {

    private ReferenceHashes() {
    }

    static byte[] v1Pieces(byte[] file, int pieceLength) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < file.length; at += pieceLength) {
            MessageDigest sha1 = MessageDigest.getInstance("SHA-1");
            sha1.update(file, at, Math.min(pieceLength, file.length - at));
            out.writeBytes(sha1.digest());
        }
        return out.toByteArray();
    }

    static byte[] piecesRoot(byte[] file) throws Exception {
        List<byte[]> layer = leaves(file);
        int width = 1;
        while (width < layer.size()) {
            width *= 2;
        }
        while (layer.size() < width) {
            layer.add(new byte[32]);
        }
        return reduce(layer, 1).get(0);
    }

    /** The layer whose nodes each cover one piece, for the file's full tree. */
    static byte[] pieceLayer(byte[] file, int pieceLength) throws Exception {
        List<byte[]> layer = leaves(file);
        int perPiece = pieceLength / 16384;
        int pieces = (file.length + pieceLength - 1) / pieceLength;
        while (layer.size() < pieces * perPiece) {
            layer.add(new byte[32]);
        }
        List<byte[]> reduced = reduce(layer, pieces);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        reduced.forEach(out::writeBytes);
        return out.toByteArray();
    }

    /** The 16 KiB block hashes of the file, concatenated: the leaf layer a hybrid keeps. */
    static byte[] leafLayer(byte[] file) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        leaves(file).forEach(out::writeBytes);
        return out.toByteArray();
    }

    private static List<byte[]> leaves(byte[] file) throws Exception {
        List<byte[]> leaves = new ArrayList<>();
        for (int at = 0; at < file.length; at += 16384) {
            leaves.add(sha256(Arrays.copyOfRange(file, at, Math.min(file.length, at + 16384))));
        }
        return leaves;
    }

    private static List<byte[]> reduce(List<byte[]> layer, int until) throws Exception {
        while (layer.size() > until) {
            List<byte[]> parents = new ArrayList<>();
            for (int i = 0; i < layer.size(); i += 2) {
                byte[] pair = new byte[64];
                System.arraycopy(layer.get(i), 0, pair, 0, 32);
                System.arraycopy(layer.get(i + 1), 0, pair, 32, 32);
                parents.add(sha256(pair));
            }
            layer = parents;
        }
        return layer;
    }

    static byte[] sha256(byte[] bytes) throws Exception {
        return MessageDigest.getInstance("SHA-256").digest(bytes);
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
