package org.seedcast.seeder;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;

import org.seedcast.storage.MediaFile;

/**
 * Pieces of media kept in a bucket, read whole with one ranged GET each and kept in memory up to a
 * byte budget, least recently used out first. A peer asks for a piece's 16 KiB blocks one after the
 * other (and fans of a new episode ask for the same pieces), so one GET serves a piece's many blocks:
 * a GET per block would cost a round trip per 16 KiB. Reads run on virtual threads, never on an event
 * loop: a block not yet in memory is answered later, when its piece arrives.
 */
final class PieceCache implements AutoCloseable {

    /**
     * Ranged GETs in flight at most: a swarm asking for many pieces at once queues here rather than
     * opening a connection to the bucket per piece.
     */
    static final int READS = 16;

    private final long capacity;
    private final ExecutorService reader = Executors.newVirtualThreadPerTaskExecutor();
    private final Semaphore reads = new Semaphore(READS);
    private final Map<Key, Piece> pieces = new LinkedHashMap<>(64, 0.75f, true);
    private long bytes;

    /** @param capacity bytes of pieces held at most (one piece more while it is the only one) */
    PieceCache(long capacity) {
        this.capacity = capacity;
    }

    private record Key(UUID mediaId, int index) {
    }

    private record Piece(CompletableFuture<byte[]> bytes, int size) {
    }

    /**
     * Block {@code [begin, begin + length)} of piece {@code index} (of {@code size} bytes at {@code offset}
     * in {@code file}), or {@code null} while the piece is read, in which case {@code ready} runs once it
     * is in (on the reading thread, or at once if it just arrived).
     *
     * @throws IOException when the piece could not be read (the next call reads it again)
     */
    ByteBuf block(MediaFile file, int index, long offset, int size, int begin, int length, Runnable ready)
            throws IOException {
        Key key = new Key(file.id(), index);
        Piece piece;
        synchronized (this) {
            piece = pieces.get(key);
            if (piece == null) {
                piece = new Piece(CompletableFuture.supplyAsync(() -> readBounded(file, offset, size), reader), size);
                pieces.put(key, piece);
                bytes += size;
                evict(key);
            }
        }
        CompletableFuture<byte[]> read = piece.bytes();
        if (!read.isDone()) {
            read.whenComplete((b, e) -> ready.run());
            return null;
        }
        if (read.isCompletedExceptionally()) {
            forget(key, piece);
            throw new IOException("could not read piece " + index + " of media " + file.id(),
                    read.exceptionNow());
        }
        return Unpooled.wrappedBuffer(read.resultNow(), begin, length);
    }

    private byte[] readBounded(MediaFile file, long offset, int size) {
        try {
            reads.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("the seed is stopping", e);
        }
        try {
            return read(file, offset, size);
        } finally {
            reads.release();
        }
    }

    private static byte[] read(MediaFile file, long offset, int size) {
        try (InputStream in = file.open(offset, size)) {
            byte[] piece = in.readNBytes(size);
            if (piece.length != size) {
                throw new IOException("the bucket sent " + piece.length + " of " + size + " bytes");
            }
            return piece;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the least recently used pieces past the budget, never {@code keep} (just asked for). */
    private void evict(Key keep) {
        Iterator<Map.Entry<Key, Piece>> eldest = pieces.entrySet().iterator();
        while (bytes > capacity && eldest.hasNext()) {
            Map.Entry<Key, Piece> entry = eldest.next();
            if (!entry.getKey().equals(keep)) {
                bytes -= entry.getValue().size();
                eldest.remove();
            }
        }
    }

    private synchronized void forget(Key key, Piece piece) {
        if (pieces.remove(key, piece)) {
            bytes -= piece.size();
        }
    }

    synchronized long bytes() {
        return bytes;
    }

    @Override
    public void close() {
        reader.shutdownNow();
    }
}
