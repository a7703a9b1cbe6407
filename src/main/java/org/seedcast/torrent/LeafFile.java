package org.seedcast.torrent;

import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A hybrid's leaf layer (BEP 52) written to a file while the file is hashed: the SHA-256 of each
 * 16 KiB block, 32 bytes each, in file order and nothing else, which {@link MerkleLayers#open}
 * reads back. Hashers write one piece's blocks at a time at their place in the file, so a
 * {@link FileHasher}'s workers can write concurrently and a {@link PieceHasher} resumed from the
 * start of its file simply writes the same bytes again. Kept on disk rather than in memory: a
 * 20 GB upload has 40 MB of them.
 *
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
public final class LeafFile implements Closeable {

    private final Path path;
    private final FileChannel channel;

    private LeafFile(Path path, FileChannel channel) {
        this.path = path;
        this.channel = channel;
    }

    /** Opens {@code path} for writing, creating it if needed; what it held is overwritten as blocks are hashed. */
    public static LeafFile create(Path path) throws IOException {
        return new LeafFile(path, FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE));
    }

    public Path path() {
        return path;
    }

    /** Writes the hashes of the blocks from {@code firstBlock} on; safe to call from several threads. */
    void write(long firstBlock, byte[] hashes, int offset, int length) {
        ByteBuffer source = ByteBuffer.wrap(hashes, offset, length);
        long position = firstBlock * MerkleTree.HASH;
        try {
            while (source.hasRemaining()) {
                channel.write(source, position + source.position() - offset);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("writing the leaf hashes to " + path + " failed", e);
        }
    }

    /**
     * Cuts the file to the leaves of a file of {@code fileLength} bytes (a resumed upload may have
     * left more), makes it durable and closes it.
     */
    public void finish(long fileLength) throws IOException {
        try (channel) {
            channel.truncate(PieceLength.ceilDiv(fileLength, PieceDigester.BLOCK) * MerkleTree.HASH);
            channel.force(true);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
