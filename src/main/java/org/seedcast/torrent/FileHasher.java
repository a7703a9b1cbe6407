package org.seedcast.torrent;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
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
import java.util.function.Consumer;

/**
 * Hashes a whole file already on disk (a re-hash or an import) on every core: workers take runs
 * of whole pieces in turn and hash each with both SHA-1 and SHA-256, so the load stays even
 * whatever the format; the whole file's SHA-256, which cannot be split, runs on a thread of its
 * own. The file is read through memory mappings of 1 GiB windows, shared by the workers: the
 * digests read the page cache directly, with no copy into a buffer by the kernel and none by
 * NIO (a third less CPU time than reading, and the first run after start-up needs less compiled
 * code). Heap: none per byte; the mappings go with their buffers at a later garbage collection.
 *
 * Stateless, so one instance can serve every caller.
 *
 * @see PieceHasher for bytes still arriving
 * @see <a href="https://www.bittorrent.org/beps/bep_0052.html">BEP 52</a>
 */
public final class FileHasher {

    private static final int UNIT_BYTES = 4 * 1024 * 1024;
    private static final int CHUNK = 128 * 1024;
    /**
     * Bytes mapped at once. Any power of two from {@link #CHUNK} up: reads start at multiples of
     * a piece length or of {@code CHUNK} (both powers of two) and never straddle two windows.
     */
    private static final long WINDOW = 1L << 30;

    private final int threads;
    private final long window;

    /** A hasher using every available core. */
    public FileHasher() {
        this(Runtime.getRuntime().availableProcessors());
    }

    public FileHasher(int threads) {
        this(threads, WINDOW);
    }

    /** With smaller mappings, for tests. */
    FileHasher(int threads, long window) {
        if (window < CHUNK || Long.bitCount(window) != 1 || window > WINDOW) {
            throw new IllegalArgumentException("a window is a power of two from 128 KiB to 1 GiB: " + window);
        }
        this.threads = Math.max(1, threads);
        this.window = window;
    }

    /** Piece hashes and the whole file's SHA-256. */
    public PieceHashes hash(Path file, int pieceLength, TorrentFormat format) throws IOException {
        return run(file, pieceLength, format, true);
    }

    /** Piece hashes only: all a torrent needs. */
    public PieceHashes hashPieces(Path file, int pieceLength, TorrentFormat format)
            throws IOException {
        return run(file, pieceLength, format, false);
    }

    private PieceHashes run(Path file, int pieceLength, TorrentFormat format, boolean wholeFile)
            throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
                ExecutorService pool = Executors.newFixedThreadPool(threads + (wholeFile ? 1 : 0))) {
            Job job = new Job(new Windows(channel, channel.size(), window), pieceLength, format);
            Future<byte[]> fileSha256 = wholeFile ? pool.submit(() -> streamSha256(job.windows)) : null;
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

    private static byte[] streamSha256(Windows windows) throws IOException {
        MessageDigest sha256 = MerkleTree.sha256();
        for (long position = 0; position < windows.length; ) {
            int step = (int) Math.min(windows.size, windows.length - position);
            windows.read(position, step, sha256::update);
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

    /**
     * A file's read-only mappings, one per window of {@code size} bytes, made when first needed and
     * shared by the workers (each reads through a view of its own).
     */
    private static final class Windows {

        private final FileChannel channel;
        private final long length;
        private final long size;
        private final MappedByteBuffer[] mapped;

        Windows(FileChannel channel, long length, long size) {
            this.channel = channel;
            this.length = length;
            this.size = size;
            this.mapped = new MappedByteBuffer[(int) ((length + size - 1) / size)];
        }

        /** Hands {@code length} bytes from {@code position}, within one window, to {@code reader}. */
        void read(long position, int length, Consumer<ByteBuffer> reader) throws IOException {
            int index = (int) (position / size);
            ByteBuffer bytes = window(index).slice((int) (position - index * size), length);
            try {
                reader.accept(bytes);
            } catch (InternalError e) { // how a mapped read reports a file truncated under it
                throw new IOException("the file ended early: did it change while being hashed?", e);
            }
        }

        private synchronized MappedByteBuffer window(int index) throws IOException {
            if (mapped[index] == null) {
                long start = index * size;
                mapped[index] = channel.map(FileChannel.MapMode.READ_ONLY, start, Math.min(size, length - start));
            }
            return mapped[index];
        }
    }

    /** The shared state of one run: the next unit to take and the result arrays. */
    private static final class Job {

        private final Windows windows;
        private final long fileLength;
        private final int pieceLength;
        private final TorrentFormat format;
        private final int pieceCount;
        private final int piecesPerUnit;
        private final byte[] pieces;
        private final byte[] layer;
        private final AtomicInteger nextUnit = new AtomicInteger();

        Job(Windows windows, int pieceLength, TorrentFormat format) {
            this.windows = windows;
            this.fileLength = windows.length;
            this.pieceLength = pieceLength;
            this.format = format;
            this.pieceCount = PieceHasher.pieceCount(fileLength, pieceLength);
            this.piecesPerUnit = Math.max(1, UNIT_BYTES / pieceLength);
            this.pieces = new byte[pieceCount * 20];
            this.layer = new byte[format.hasV2() ? pieceCount * MerkleTree.HASH : 0];
        }

        /** Takes units until none is left; each piece index is written by one worker only. */
        void work() throws IOException {
            PieceDigester digester = new PieceDigester(pieceLength, format);
            for (int unit = nextUnit.getAndIncrement(); (long) unit * piecesPerUnit < pieceCount;
                    unit = nextUnit.getAndIncrement()) {
                int first = unit * piecesPerUnit;
                for (int piece = first; piece < Math.min(pieceCount, first + piecesPerUnit); piece++) {
                    hashPiece(piece, digester);
                }
            }
        }

        private void hashPiece(int piece, PieceDigester digester) throws IOException {
            long start = (long) piece * pieceLength;
            long end = Math.min(fileLength, start + pieceLength);
            // 128 KiB at a time: both digests of a hybrid read each part while it is in the L2 cache
            for (long position = start; position < end; ) {
                int step = (int) Math.min(CHUNK, end - position);
                windows.read(position, step, digester::update);
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
