package org.seedcast.torrent;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.List;

/**
 * The Java side of {@code bench/torrent-hashing.sh}. Modes:
 * {@code create v1|hybrid|hybrid+leaves FILE PIECE_LENGTH OUT [warm]} hashes FILE on every core and writes a torrent
 * ({@code hybrid+leaves} also keeps the leaf layer in {@code OUT.leaves}, as the store does for the seed)
 * (with {@code warm}, after hashing it once untimed, as a server that has made torrents before),
 * printing the time from main to the written torrent (JIT warm-up included: a fresh JVM pays it
 * whether or not a warm-up loop runs first) and the peak heap;
 * {@code digest-speed} prints one core's SHA-1 and SHA-256 throughput in MB/s of CPU time.
 */
public final class TorrentHashingBenchmark {

    private TorrentHashingBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        if (args[0].equals("noop")) { // the JVM's fixed cost
            return;
        }
        if (args[0].equals("digest-speed")) {
            System.out.printf("java_sha1_mb_s=%.0f%njava_sha256_mb_s=%.0f%n", speed("SHA-1"), speed("SHA-256"));
            return;
        }
        TorrentFormat format = args[1].equals("v1") ? TorrentFormat.V1 : TorrentFormat.HYBRID;
        Path leaves = args[1].equals("hybrid+leaves") ? Path.of(args[4] + ".leaves") : null;
        Path file = Path.of(args[2]);
        int pieceLength = Integer.parseInt(args[3]);
        long start = System.nanoTime();
        System.out.printf("jvm_start_seconds=%.3f%n",
                (System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime()) / 1e3);
        if (args.length > 5 && args[5].equals("warm")) {
            // a server that has made a torrent before: the same work once, untimed, then the timed run
            hash(file, pieceLength, format, leaves);
            start = System.nanoTime();
        }
        PieceHashes hashes = hash(file, pieceLength, format, leaves);
        Torrent torrent = Torrent.create(new TorrentSpec(file.getFileName().toString(),
                List.of(URI.create("http://t.example/announce")), List.of(), null, "Seedcast bench", null), hashes);
        Files.write(Path.of(args[4]), torrent.bytes());
        double seconds = (System.nanoTime() - start) / 1e9;
        System.out.printf("hash_seconds=%.3f%npeak_heap_mb=%.1f%ninfo_hash=%s%n", seconds, peakHeapMb(),
                torrent.infoHash());
    }

    private static PieceHashes hash(Path file, int pieceLength, TorrentFormat format, Path leaves) throws Exception {
        if (leaves == null) {
            return new FileHasher().hashPieces(file, pieceLength, format);
        }
        try (LeafFile leafFile = LeafFile.create(leaves)) {
            PieceHashes hashes = new FileHasher().hashPieces(file, pieceLength, format, leafFile);
            leafFile.finish(hashes.fileLength());
            return hashes;
        }
    }

    /** MB per second of this thread's CPU time, as {@code openssl speed} counts, so load elsewhere does not skew it. */
    private static double speed(String algorithm) throws Exception {
        MessageDigest digest = MessageDigest.getInstance(algorithm);
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        byte[] buffer = new byte[1 << 20];
        for (int i = 0; i < 300; i++) {
            digest.update(buffer);
        }
        long bytes = 0;
        long start = threads.getCurrentThreadCpuTime();
        while (threads.getCurrentThreadCpuTime() - start < 2_000_000_000L) {
            for (int i = 0; i < 16; i++) {
                digest.update(buffer);
            }
            bytes += 16L * buffer.length;
        }
        return bytes / 1e6 / ((threads.getCurrentThreadCpuTime() - start) / 1e9);
    }

    private static double peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / 1e6;
    }
}
