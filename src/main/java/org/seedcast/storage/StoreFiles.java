package org.seedcast.storage;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;
import java.util.Optional;
import java.util.function.BiFunction;

import org.springframework.http.HttpStatus;

/**
 * Copying a request's bytes to a temporary file of this node's disk, and what goes with it in the storage
 * module: the answers for a file too large, a disk full or a client gone, and removing temporary files.
 */
final class StoreFiles {

    /** The copy buffer: one per request in flight. */
    static final int BUFFER_SIZE = 1 << 20;

    private StoreFiles() {
    }

    /** Something that sees every byte copied, in order: a digest or a piece hasher. */
    interface ByteSink {
        void update(byte[] bytes, int offset, int length);
    }

    record Copied(long size, byte[] head, int headLength) {
    }

    static Copied copy(InputStream in, Path target, long maxSize, ByteSink sink) throws IOException {
        byte[] buffer = new byte[BUFFER_SIZE];
        byte[] head = new byte[MediaKind.SNIFF_LENGTH];
        int headLength = 0;
        long size = 0;
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.WRITE)) {
            for (int n; (n = in.read(buffer)) != -1; ) {
                if (size + n > maxSize) {
                    throw tooLarge(maxSize);
                }
                size += n;
                int take = Math.min(n, head.length - headLength);
                System.arraycopy(buffer, 0, head, headLength, take);
                headLength += take;
                sink.update(buffer, 0, n);
                out.write(ByteBuffer.wrap(buffer, 0, n));
            }
        }
        return new Copied(size, head, headLength);
    }

    static String kind(Copied copied, BiFunction<byte[], Integer, Optional<String>> sniffer, String wrongKind) {
        if (copied.size() == 0) {
            throw new RejectedMediaException(HttpStatus.BAD_REQUEST, "The file is empty.");
        }
        return sniffer.apply(copied.head(), copied.headLength())
                .orElseThrow(() -> new RejectedMediaException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, wrongKind));
    }

    static RejectedMediaException tooLarge(long maxSize) {
        return new RejectedMediaException(HttpStatus.CONTENT_TOO_LARGE, "The file is larger than the limit of " + maxSize + " bytes.");
    }

    /** ENOSPC and its relatives, as the JDK words them: the server's fault, not the client's. */
    static boolean isDiskFull(IOException e) {
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("no space left") || message.contains("disk quota exceeded")
                || message.contains("not enough space");
    }

    static RejectedMediaException diskFull() {
        return new RejectedMediaException(HttpStatus.INSUFFICIENT_STORAGE, "Disk full",
                "The server's disk is full; nothing was kept. Try again once space is freed.");
    }

    static RejectedMediaException interrupted() {
        return new RejectedMediaException(HttpStatus.BAD_REQUEST, "The upload was interrupted; nothing was kept.");
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static void deleteQuietly(Path path) {
        if (path != null) {
            try {
                Files.deleteIfExists(path);
            } catch (IOException ignored) {
                // a leftover temporary file is swept at the next start
            }
        }
    }
}
