package org.seedcast.torrent;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.util.function.Consumer;

/**
 * A file read through read-only memory mappings of fixed-size windows, made when first needed and
 * shared by the threads that read it: digests read the page cache directly, with no copy by the
 * kernel and none into the heap. Every byte is expected to be read once by each of
 * {@code readers} readers; a window is given back as soon as all of its bytes have been. On Java
 * 22 and later it is unmapped at once (a mapping in a memory arena of its own, then closed), so the
 * process's resident size stays near a few windows whatever the file's size; on Java 21 the
 * garbage collector unmaps it later.
 */
final class FileWindows implements AutoCloseable {

    /** {@code Arena.ofShared()}, {@code FileChannel.map(mode, offset, size, arena)}, {@code MemorySegment.asByteBuffer()}: Java 22+. */
    private static final Method OF_SHARED;
    private static final Method MAP_IN_ARENA;
    private static final Method AS_BYTE_BUFFER;

    static {
        Method ofShared = null;
        Method map = null;
        Method asBuffer = null;
        if (Runtime.version().feature() >= 22) { // the API is a preview in 21: not touched there
            try {
                Class<?> arena = Class.forName("java.lang.foreign.Arena");
                ofShared = arena.getMethod("ofShared");
                map = FileChannel.class.getMethod("map", FileChannel.MapMode.class, long.class, long.class, arena);
                asBuffer = Class.forName("java.lang.foreign.MemorySegment").getMethod("asByteBuffer");
            } catch (ReflectiveOperationException e) {
                ofShared = null;
            }
        }
        OF_SHARED = ofShared;
        MAP_IN_ARENA = map;
        AS_BYTE_BUFFER = asBuffer;
    }

    private final FileChannel channel;
    private final long length;
    private final long size;
    private final boolean unmapAtOnce;
    private final ByteBuffer[] mapped;
    private final AutoCloseable[] arenas;
    /** Bytes of each window not yet read, by all readers together; guarded by {@code this}. */
    private final long[] unread;

    FileWindows(FileChannel channel, long length, long size, int readers) {
        this(channel, length, size, readers, OF_SHARED != null);
    }

    /** {@code unmapAtOnce} false: the Java 21 way, for tests on later versions. */
    FileWindows(FileChannel channel, long length, long size, int readers, boolean unmapAtOnce) {
        this.channel = channel;
        this.length = length;
        this.size = size;
        this.unmapAtOnce = unmapAtOnce && OF_SHARED != null;
        int windows = (int) ((length + size - 1) / size);
        this.mapped = new ByteBuffer[windows];
        this.arenas = new AutoCloseable[windows];
        this.unread = new long[windows];
        for (int i = 0; i < windows; i++) {
            unread[i] = Math.min(size, length - i * size) * readers;
        }
    }

    long length() {
        return length;
    }

    long windowSize() {
        return size;
    }

    /**
     * Hands {@code bytes} bytes from {@code position}, all within one window, to {@code reader},
     * then counts them read.
     */
    void read(long position, int bytes, Consumer<ByteBuffer> reader) throws IOException {
        int index = (int) (position / size);
        ByteBuffer view = acquire(index).slice((int) (position - index * size), bytes);
        try {
            reader.accept(view);
        } catch (InternalError e) { // how a mapped read reports a file truncated under it
            throw new IOException("the file ended early: did it change while being hashed?", e);
        }
        release(index, bytes);
    }

    /** Windows mapped now. */
    synchronized int mappedWindows() {
        int n = 0;
        for (ByteBuffer window : mapped) {
            n += window == null ? 0 : 1;
        }
        return n;
    }

    /** Gives back every window still mapped (after a failure, say). */
    @Override
    public synchronized void close() {
        for (int i = 0; i < mapped.length; i++) {
            drop(i);
        }
    }

    private synchronized ByteBuffer acquire(int index) throws IOException {
        if (mapped[index] == null) {
            if (unread[index] <= 0) {
                throw new IllegalStateException("window " + index + " was read whole already");
            }
            long start = index * size;
            long bytes = Math.min(size, length - start);
            mapped[index] = unmapAtOnce ? mapInArena(index, start, bytes)
                    : channel.map(FileChannel.MapMode.READ_ONLY, start, bytes);
        }
        return mapped[index];
    }

    private ByteBuffer mapInArena(int index, long start, long bytes) throws IOException {
        try {
            AutoCloseable arena = (AutoCloseable) OF_SHARED.invoke(null);
            arenas[index] = arena;
            Object segment = MAP_IN_ARENA.invoke(channel, FileChannel.MapMode.READ_ONLY, start, bytes, arena);
            return (ByteBuffer) AS_BYTE_BUFFER.invoke(segment);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof IOException io) {
                throw io;
            }
            throw new IllegalStateException("cannot map the file", e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot map the file", e);
        }
    }

    private synchronized void release(int index, int bytes) {
        unread[index] -= bytes;
        if (unread[index] == 0) {
            drop(index);
        }
    }

    private void drop(int index) {
        mapped[index] = null;
        AutoCloseable arena = arenas[index];
        arenas[index] = null;
        if (arena != null) {
            try {
                arena.close(); // unmaps now
            } catch (Exception e) {
                throw new IllegalStateException("cannot unmap the file", e);
            }
        }
    }
}
