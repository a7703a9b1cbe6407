package org.seedcast.torrent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Hashes a whole file already on disk (a re-hash or an import) on every core: workers take runs
 * of whole pieces in turn and hash each with both SHA-1 and SHA-256, so the load stays even
 * whatever the format; the whole file's SHA-256, which cannot be split, runs on a thread of its
 * own. Each worker reads 128 KiB at a time and hashes it while it is still in the CPU's L2 cache,
 * so memory bandwidth is spent once per byte; memory: one 128 KiB buffer per thread.
 *
 * Stateless, so one instance can serve every caller.
 *
 * @see PieceHasher for bytes still arriving
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
public final class FileHasher {

    private static final int UNIT_BYTES = 4 * 1024 * 1024;
    private static final int CHUNK = 128 * 1024;

    private final int threads;

    /** A hasher using every available core. */
    public FileHasher() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public FileHasher(int threads) {
        this.threads = Math.max(1, threads);
    }

    /** Piece hashes and the whole file's SHA-256. */
    public PieceHashes hash(Path file, int pieceLength, TorrentFormat format) throws IOException {
        return run(file, pieceLength, format, true, null);
    }

    /**
     * Piece hashes and the whole file's SHA-256; for a hybrid, the block hashes are written to
     * {@code leafFile} too (which the caller then finishes).
     */
    public PieceHashes hash(Path file, int pieceLength, TorrentFormat format, LeafFile leafFile)
            throws IOException {
        return run(file, pieceLength, format, true, leafFile);
    }

    /** Piece hashes only: all a torrent needs. */
    public PieceHashes hashPieces(Path file, int pieceLength, TorrentFormat format)
            throws IOException {
        return run(file, pieceLength, format, false, null);
    }

    /** Piece hashes, and for a hybrid the block hashes written to {@code leafFile}. */
    public PieceHashes hashPieces(Path file, int pieceLength, TorrentFormat format, LeafFile leafFile)
            throws IOException {
        return run(file, pieceLength, format, false, leafFile);
    }

    private PieceHashes run(Path file, int pieceLength, TorrentFormat format, boolean wholeFile,
            LeafFile leafFile) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                ExecutorService pool = Executors.newFixedThreadPool(threads + (wholeFile ? 1 : 0))) {
            Job job = new Job(channel, channel.size(), pieceLength, format, leafFile);
            Future<byte[]> fileSha256 = wholeFile ? pool.submit(() -> streamSha256(channel, job.fileLength)) : null;
            List<Future<?>> workers = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                workers.add(pool.submit(() -> {
                    job.work();
                    return null;
                }));
            }
            for (Future<?> worker : workers) {
                await(worker);
            }
            return PieceHashes.of(format, job.fileLength, pieceLength, job.pieces, job.layer,
                    fileSha256 == null ? null : await(fileSha256));
        }
    }

    private static byte[] streamSha256(FileChannel channel, long length) throws IOException {
        MessageDigest sha256 = MerkleTree.sha256();
        byte[] buffer = new byte[CHUNK];
        for (long position = 0; position < length; ) {
            int step = (int) Math.min(buffer.length, length - position);
            readFully(channel, buffer, step, position);
            sha256.update(buffer, 0, step);
            position += step;
        }
        return sha256.digest();
    }

    private static <T> T await(Future<T> future) throws IOException {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while hashing", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IllegalStateException("hashing failed", e.getCause());
        }
    }

    static void readFully(FileChannel channel, byte[] buffer, int length, long position)
            throws IOException {
        ByteBuffer target = ByteBuffer.wrap(buffer, 0, length);
        while (target.hasRemaining()) {
            if (channel.read(target, position + target.position()) < 0) {
                throw new IOException("the file ended early: did it change while being hashed?");
            }
        }
    }

    /** The shared state of one run: the next unit to take and the result arrays. */
    private static final class Job {

        private final FileChannel channel;
        private final long fileLength;
        private final int pieceLength;
        private final TorrentFormat format;
        private final int pieceCount;
        private final int piecesPerUnit;
        private final byte[] pieces;
        private final byte[] layer;
        private final LeafFile leafFile;
        private final AtomicInteger nextUnit = new AtomicInteger();

        Job(FileChannel channel, long fileLength, int pieceLength, TorrentFormat format, LeafFile leafFile) {
            this.channel = channel;
            this.leafFile = leafFile;
            this.fileLength = fileLength;
            this.pieceLength = pieceLength;
            this.format = format;
            this.pieceCount = PieceHasher.pieceCount(fileLength, pieceLength);
            this.piecesPerUnit = Math.max(1, UNIT_BYTES / pieceLength);
            this.pieces = new byte[pieceCount * 20];
            this.layer = new byte[format.hasV2() ? pieceCount * MerkleTree.HASH : 0];
        }

        /** Takes units until none is left; each piece index is written by one worker only. */
        void work() throws IOException {
            PieceDigester digester = new PieceDigester(pieceLength, format, leafFile);
            byte[] buffer = new byte[(int) Math.min(CHUNK, fileLength)];
            for (int unit = nextUnit.getAndIncrement(); (long) unit * piecesPerUnit < pieceCount;
                    unit = nextUnit.getAndIncrement()) {
                int first = unit * piecesPerUnit;
                for (int piece = first; piece < Math.min(pieceCount, first + piecesPerUnit); piece++) {
                    hashPiece(piece, digester, buffer);
                }
            }
        }

        private void hashPiece(int piece, PieceDigester digester, byte[] buffer) throws IOException {
            long start = (long) piece * pieceLength;
            long end = Math.min(fileLength, start + pieceLength);
            for (long position = start; position < end; ) {
                int step = (int) Math.min(buffer.length, end - position);
                readFully(channel, buffer, step, position);
                digester.update(buffer, 0, step);
                position += step;
            }
            digester.finishPiece(piece, pieces, layer, treeLeaves(digester));
        }

        private int treeLeaves(PieceDigester digester) {
            return pieceCount == 1 ? MerkleTree.width(digester.blocksSoFar())
                    : pieceLength / PieceDigester.BLOCK;
        }
    }
}
