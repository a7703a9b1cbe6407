package org.seedcast.torrent;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;

/**
 * Hashes a file of known length as its bytes arrive, in chunks of any size: v1 piece SHA-1s
 * (BEP 3), for a hybrid the v2 16 KiB-block merkle tree (BEP 52), and the whole file's SHA-256.
 * When the last byte is in, {@link #finish()} returns the hashes at once. After a restart,
 * {@link #resume} rebuilds the state by re-reading the part already on disk. Not thread-safe:
 * one upload feeds one hasher.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
public final class PieceHasher {

    /** One entry costs 20 bytes (v1) plus 32 (v2); this keeps a hasher under 55 MB. */
    static final int MAX_PIECES = 1 << 20;

    private final long fileLength;
    private final int pieceLength;
    private final TorrentFormat format;
    private final PieceDigester digester;
    private final MessageDigest fileSha256 = MerkleTree.sha256();
    private final byte[] pieces;
    private final byte[] layer;
    private byte[] chunk;
    private long position;
    private int pieceFill;
    private int pieceIndex;

    private PieceHasher(long fileLength, int pieceLength, TorrentFormat format, LeafFile leafFile) {
        int count = pieceCount(fileLength, pieceLength);
        this.fileLength = fileLength;
        this.pieceLength = pieceLength;
        this.format = format;
        this.digester = new PieceDigester(pieceLength, format, leafFile);
        this.pieces = new byte[count * 20];
        this.layer = new byte[format.hasV2() ? count * MerkleTree.HASH : 0];
    }

    /** A hasher for a file of {@code fileLength} bytes, none seen yet. */
    public static PieceHasher start(long fileLength, int pieceLength, TorrentFormat format) {
        return start(fileLength, pieceLength, format, null);
    }

    /**
     * A hasher for a file of {@code fileLength} bytes, none seen yet, that writes a hybrid's block
     * hashes to {@code leafFile} as each piece is done (nothing for a v1 torrent; no file when null).
     * A failure to write them surfaces from {@link #update} as an {@link java.io.UncheckedIOException}.
     */
    public static PieceHasher start(long fileLength, int pieceLength, TorrentFormat format, LeafFile leafFile) {
        return new PieceHasher(fileLength, pieceLength, format, leafFile);
    }

    /** A hasher that has already seen the first {@code offset} bytes of {@code file}. */
    public static PieceHasher resume(Path file, long offset, long fileLength, int pieceLength,
            TorrentFormat format) throws IOException {
        return resume(file, offset, fileLength, pieceLength, format, null);
    }

    /**
     * A hasher that has already seen the first {@code offset} bytes of {@code file}, writing the
     * block hashes of those bytes to {@code leafFile} again on the way.
     */
    public static PieceHasher resume(Path file, long offset, long fileLength, int pieceLength,
            TorrentFormat format, LeafFile leafFile) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return resume(in, file.toString(), offset, fileLength, pieceLength, format, leafFile);
        }
    }

    /**
     * A hasher that has already seen the first {@code offset} bytes of the file, read from
     * {@code in} (which starts at the file's first byte; {@code source} names it in errors).
     */
    public static PieceHasher resume(InputStream in, String source, long offset, long fileLength, int pieceLength,
            TorrentFormat format, LeafFile leafFile) throws IOException {
        PieceHasher hasher = start(fileLength, pieceLength, format, leafFile);
        if (offset < 0 || offset > fileLength) {
            throw new IllegalArgumentException("offset " + offset + " is outside the file");
        }
        byte[] buffer = new byte[1 << 20];
        while (hasher.position < offset) {
            int read = in.read(buffer, 0, (int) Math.min(buffer.length, offset - hasher.position));
            if (read < 0) {
                throw new IOException(source + " has only " + hasher.position + " of the "
                        + offset + " bytes to resume from");
            }
            hasher.update(buffer, 0, read);
        }
        return hasher;
    }

    static int pieceCount(long fileLength, int pieceLength) {
        PieceLength.check(pieceLength);
        if (fileLength <= 0) {
            throw new IllegalArgumentException("a torrent's file has at least one byte");
        }
        long count = PieceLength.ceilDiv(fileLength, pieceLength);
        if (count > MAX_PIECES) {
            throw new IllegalArgumentException(count + " pieces is too many; take longer pieces");
        }
        return (int) count;
    }

    /** Hashes the next {@code length} bytes of the file. */
    public void update(byte[] bytes, int offset, int length) {
        if (length > fileLength - position) {
            throw new IllegalArgumentException("more bytes than the file's " + fileLength);
        }
        fileSha256.update(bytes, offset, length);
        while (length > 0) {
            int step = Math.min(length, pieceLength - pieceFill);
            digester.update(bytes, offset, step);
            offset += step;
            length -= step;
            advance(step);
        }
    }

    /** Hashes the buffer's remaining bytes. */
    public void update(ByteBuffer buffer) {
        if (buffer.hasArray()) {
            update(buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.remaining());
            buffer.position(buffer.limit());
            return;
        }
        if (chunk == null) {
            chunk = new byte[64 * 1024];
        }
        while (buffer.hasRemaining()) {
            int step = Math.min(chunk.length, buffer.remaining());
            buffer.get(chunk, 0, step);
            update(chunk, 0, step);
        }
    }

    private void advance(int step) {
        position += step;
        pieceFill += step;
        if (pieceFill == pieceLength || position == fileLength) {
            int count = pieces.length / 20;
            int treeLeaves = count == 1 ? MerkleTree.width(digester.blocksSoFar())
                    : pieceLength / PieceDigester.BLOCK;
            digester.finishPiece(pieceIndex++, pieces, layer, treeLeaves);
            pieceFill = 0;
        }
    }

    /** The number of bytes hashed so far. */
    public long position() {
        return position;
    }

    /** The hashes, once every byte of the file is in. A hasher finishes once. */
    public PieceHashes finish() {
        if (position != fileLength) {
            throw new IllegalStateException("hashed " + position + " of " + fileLength + " bytes");
        }
        return PieceHashes.of(format, fileLength, pieceLength, pieces, layer, fileSha256.digest());
    }
}
