package org.seedcast.seeder;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.storage.MediaFile;
import org.seedcast.support.MediaFiles;

/** Pieces of bucket media: read once whole, answered from memory, held within a byte budget. */
class PieceCacheTests {

    private static final int PIECE = 64 * 1024;

    @TempDir
    Path dir;

    PieceCache cache = new PieceCache(2 * PIECE);

    @AfterEach
    void close() {
        cache.close();
    }

    @Test
    void readsAPieceOnceAndAnswersItsBlocksFromMemory() throws Exception {
        Path file = SeedFixture.media(dir, "m", 4 * PIECE, 1);
        Counting counting = new Counting(MediaFiles.inBucket(file));

        byte[] first = blockWhenRead(counting, 1, 0, 16384);
        byte[] second = blockWhenRead(counting, 1, 16384, 16384);

        byte[] bytes = Files.readAllBytes(file);
        assertThat(first).isEqualTo(Arrays.copyOfRange(bytes, PIECE, PIECE + 16384));
        assertThat(second).isEqualTo(Arrays.copyOfRange(bytes, PIECE + 16384, PIECE + 32768));
        assertThat(counting.reads.get()).as("one ranged read for the piece").isOne();
    }

    @Test
    void keepsNoMoreThanItsBudgetDroppingTheLeastRecentlyUsedPiece() throws Exception {
        Counting counting = new Counting(MediaFiles.inBucket(SeedFixture.media(dir, "m", 4 * PIECE, 2)));

        blockWhenRead(counting, 0, 0, 100);
        blockWhenRead(counting, 1, 0, 100);
        blockWhenRead(counting, 0, 0, 100); // piece 1 is now the least recently used
        blockWhenRead(counting, 2, 0, 100);
        blockWhenRead(counting, 0, 0, 100);

        assertThat(cache.bytes()).isEqualTo(2L * PIECE);
        assertThat(counting.reads.get()).isEqualTo(3);
        blockWhenRead(counting, 1, 0, 100);
        assertThat(counting.reads.get()).as("piece 1 was dropped, so read again").isEqualTo(4);
    }

    @Test
    void aFailedReadIsReportedAndTriedAgainOnTheNextRequest() throws Exception {
        Path file = SeedFixture.media(dir, "m", 2 * PIECE, 3);
        MediaFile gone = MediaFiles.inBucket(Files.copy(file, dir.resolve("gone")));
        Files.delete(dir.resolve("gone"));

        assertThat(failureOf(gone)).hasMessageContaining("piece 0");
        assertThat(cache.bytes()).isZero();
        Files.copy(file, dir.resolve("gone"));
        assertThat(blockWhenRead(gone, 0, 0, 100)).hasSize(100);
    }

    /** Asks for a block until it is there, waiting for its piece to be read in between. */
    private byte[] blockWhenRead(MediaFile file, int index, int begin, int length) throws Exception {
        await(file, index);
        ByteBuf block = cache.block(file, index, (long) index * PIECE, PIECE, begin, length, () -> { });
        assertThat(block).as("in memory once read").isNotNull();
        return ByteBufUtil.getBytes(block);
    }

    /** Asks for piece 0 until its read failed; the failure. */
    private IOException failureOf(MediaFile file) throws Exception {
        CountDownLatch read = new CountDownLatch(1);
        try {
            if (cache.block(file, 0, 0, PIECE, 0, 1, read::countDown) == null) {
                assertThat(read.await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
                cache.block(file, 0, 0, PIECE, 0, 1, () -> { });
            }
        } catch (IOException e) {
            return e;
        }
        throw new AssertionError("the read of a missing file did not fail");
    }

    /** Asks for piece {@code index} and waits until its read ended, well or not. */
    private void await(MediaFile file, int index) throws Exception {
        CountDownLatch read = new CountDownLatch(1);
        try {
            if (cache.block(file, index, (long) index * PIECE, PIECE, 0, 1, read::countDown) != null) {
                return;
            }
        } catch (IOException e) {
            return;
        }
        assertThat(read.await(Duration.ofSeconds(30).toMillis(), TimeUnit.MILLISECONDS)).isTrue();
    }

    /** Counts the ranged reads of a file. */
    private record Counting(MediaFile file, AtomicInteger reads) implements MediaFile {

        Counting(MediaFile file) {
            this(file, new AtomicInteger());
        }

        @Override
        public UUID id() {
            return file.id();
        }

        @Override
        public long size() {
            return file.size();
        }

        @Override
        public Optional<Path> localPath() {
            return Optional.empty();
        }

        @Override
        public InputStream open(long start, long length) throws IOException {
            reads.incrementAndGet();
            return file.open(start, length);
        }
    }
}
