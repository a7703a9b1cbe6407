package org.seedcast.torrent;

import java.util.Optional;

/**
 * The BEP 52 merkle tree of one file, built from its 16 KiB block hashes (the leaf layer) kept at
 * hashing time, answering peers' {@code hash request}s without reading the file again.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
public final class MerkleLayers {

    private MerkleLayers() {
    }

    /** The tree of a file of {@code fileLength} bytes from its leaf layer (32 bytes per 16 KiB block). */
    public static MerkleLayers of(byte[] leafLayer, long fileLength, int pieceLength) {
        throw new UnsupportedOperationException("helper 'hashes' implements this");
    }

    /** The file's {@code pieces root}. */
    public byte[] piecesRoot() {
        throw new UnsupportedOperationException("helper 'hashes' implements this");
    }

    /**
     * The answer to a {@code hash request} (message 21) for this file: the {@code length} hashes of
     * layer {@code baseLayer} (0 = 16 KiB blocks) starting at {@code index}, followed by
     * {@code proofLayers} uncle hashes towards the root, as a {@code hashes} message (22) carries them;
     * empty when the request is invalid and must get a {@code hash reject} (23).
     */
    public Optional<byte[]> answer(int baseLayer, int index, int length, int proofLayers) {
        throw new UnsupportedOperationException("helper 'hashes' implements this");
    }
}
