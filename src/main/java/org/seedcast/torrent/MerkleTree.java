package org.seedcast.torrent;

import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;

/**
 * BEP 52 merkle trees of SHA-256 hashes, reduced in place in a flat array of 32-byte nodes:
 * a layer padded to a power of two with pad hashes, each parent the hash of its two children.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
final class MerkleTree {

    static final int HASH = 32;

    private MerkleTree() {
    }

    /** The smallest power of two at least {@code count} (1 for 0). */
    static int width(int count) {
        return count <= 1 ? 1 : Integer.highestOneBit(count - 1) << 1;
    }

    /**
     * Pads {@code nodes[count..width)} with {@code pad}, reduces the layer to its root and
     * returns it. {@code nodes} is overwritten.
     */
    static byte[] root(byte[] nodes, int count, int width, byte[] pad, MessageDigest sha256) {
        for (int i = count; i < width; i++) {
            System.arraycopy(pad, 0, nodes, i * HASH, HASH);
        }
        for (int n = width; n > 1; n >>= 1) {
            for (int parent = 0; parent < n / 2; parent++) {
                sha256.update(nodes, parent * 2 * HASH, 2 * HASH);
                digestInto(sha256, nodes, parent * HASH);
            }
        }
        return Arrays.copyOf(nodes, HASH);
    }

    /** The layer above {@code below}: each node the hash of its two children; {@code below} is left as it is. */
    static byte[] parentLayer(byte[] below, MessageDigest sha256) {
        byte[] nodes = new byte[below.length / 2];
        for (int i = 0; i < nodes.length / HASH; i++) {
            sha256.update(below, i * 2 * HASH, 2 * HASH);
            digestInto(sha256, nodes, i * HASH);
        }
        return nodes;
    }

    /** The root of a subtree of {@code leaves} zero leaves: the pad hash of a piece layer. */
    static byte[] zeroRoot(int leaves, MessageDigest sha256) {
        byte[] node = new byte[HASH];
        for (int n = leaves; n > 1; n >>= 1) {
            sha256.update(node);
            sha256.update(node);
            node = sha256.digest();
        }
        return node;
    }

    /** Finishes {@code digest} into {@code out} at {@code offset} without allocating. */
    static void digestInto(MessageDigest digest, byte[] out, int offset) {
        try {
            digest.digest(out, offset, digest.getDigestLength());
        } catch (DigestException e) {
            throw new IllegalStateException("no room for a digest", e);
        }
    }

    static MessageDigest sha256() {
        return digest("SHA-256");
    }

    static MessageDigest sha1() {
        return digest("SHA-1");
    }

    private static MessageDigest digest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(algorithm + " is part of every Java runtime", e);
        }
    }
}
