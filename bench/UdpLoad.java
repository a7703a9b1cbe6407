import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.LongAdder;

/**
 * A BEP 15 load generator: each worker connects once, then keeps WINDOW announces in flight on its
 * socket (random peer id and port, a random hash from the file), re-sending on timeout, and records
 * the latency of every answered announce. Prints one line: requests/s, p50/p99 latency, timeouts.
 *
 * With {@code FLOOD=1} in the environment it behaves like an abuser instead: it keeps sending at
 * full speed whether or not anything is answered (a tracker that drops it cannot slow it down), and
 * reports what it sent and what came back.
 *
 * usage: java bench/UdpLoad.java HOST PORT HASH_FILE SECONDS WORKERS WINDOW [SOURCE_ADDRESS]
 */
public class UdpLoad {

    public static void main(String[] args) throws Exception {
        InetSocketAddress tracker = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        List<byte[]> hashes = Files.readAllLines(Path.of(args[2])).stream().map(String::strip)
                .filter(l -> l.length() == 40).map(HexFormat.of()::parseHex).toList();
        long seconds = Long.parseLong(args[3]);
        int workers = Integer.parseInt(args[4]);
        int window = Integer.parseInt(args[5]);
        String source = args.length > 6 ? args[6] : "127.0.0.1";
        if ("1".equals(System.getenv("FLOOD"))) {
            flood(tracker, source, hashes, seconds);
            return;
        }
        LongAdder answered = new LongAdder();
        LongAdder timeouts = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        for (int w = 0; w < workers; w++) {
            long[] samples = new long[4_000_000];
            latencies.add(samples);
            int seed = w;
            Thread t = new Thread(() -> {
                try {
                    run(tracker, source, hashes, end, window, samples, answered, timeouts, seed);
                } catch (Exception e) {
                    throw new RuntimeException(e);
                }
            });
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            t.join();
        }
        long total = answered.sum();
        long[] all = latencies.stream().flatMapToLong(a -> Arrays.stream(a).filter(v -> v > 0)).sorted().toArray();
        System.out.printf("udp: %.0f req/s, p50 %.3f ms, p99 %.3f ms, %d answered, %d timeouts%n",
                total / (double) seconds, pct(all, 0.50), pct(all, 0.99), total, timeouts.sum());
    }

    private static void flood(InetSocketAddress tracker, String source, List<byte[]> hashes, long seconds)
            throws Exception {
        SplittableRandom random = new SplittableRandom(System.nanoTime());
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(source, 0));
            ch.connect(tracker);
            long connectionId;
            try {
                connectionId = connect(ch);
            } catch (IllegalStateException e) {
                connectionId = 0; // refused already: flood anyway
            }
            ch.configureBlocking(false);
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            long sent = 0, received = 0;
            long[] sentAt = new long[1];
            ByteBuffer out = ByteBuffer.allocate(98);
            ByteBuffer in = ByteBuffer.allocate(2048);
            while (System.nanoTime() < end) {
                send(ch, out, connectionId, 0, hashes, random, sentAt);
                sent++;
                in.clear();
                while (ch.receive(in) != null) {
                    received++;
                    in.clear();
                }
            }
            System.out.printf("udp flood: %.0f sent/s, %.0f answered/s%n", sent / (double) seconds, received / (double) seconds);
        }
    }

    private static double pct(long[] sorted, double p) {
        return sorted.length == 0 ? 0 : sorted[(int) Math.min(sorted.length - 1, p * sorted.length)] / 1e6;
    }

    private static void run(InetSocketAddress tracker, String source, List<byte[]> hashes, long end, int window,
                            long[] samples, LongAdder answered, LongAdder timeouts, int seed) throws Exception {
        SplittableRandom random = new SplittableRandom(seed * 7919L + System.nanoTime());
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.setOption(StandardSocketOptions.SO_RCVBUF, 1 << 20);
            ch.bind(new InetSocketAddress(source, 0));
            ch.connect(tracker);
            ch.socket().setSoTimeout(0);
            ch.configureBlocking(true);
            long connectionId = connect(ch);
            long[] sentAt = new long[window];
            ByteBuffer out = ByteBuffer.allocate(98);
            ByteBuffer in = ByteBuffer.allocate(2048);
            for (int i = 0; i < window; i++) {
                send(ch, out, connectionId, i, hashes, random, sentAt);
            }
            ch.configureBlocking(false);
            int n = 0;
            long lastReply = System.nanoTime();
            while (System.nanoTime() < end) {
                in.clear();
                if (ch.receive(in) == null) {
                    if (System.nanoTime() - lastReply > 200_000_000L) { // 200 ms of silence: refill the window
                        timeouts.increment();
                        connectionId = reconnect(ch, connectionId);
                        for (int i = 0; i < window; i++) {
                            send(ch, out, connectionId, i, hashes, random, sentAt);
                        }
                        lastReply = System.nanoTime();
                    }
                    Thread.onSpinWait();
                    continue;
                }
                lastReply = System.nanoTime();
                in.flip();
                if (in.remaining() < 8 || in.getInt(0) == 0) {
                    continue; // a late connect reply; announce replies, errors (action 3) and opentracker's short refusals count
                }
                int slot = in.getInt(4);
                if (slot < 0 || slot >= window) {
                    continue;
                }
                if (n < samples.length) {
                    samples[n++] = lastReply - sentAt[slot];
                }
                answered.increment();
                send(ch, out, connectionId, slot, hashes, random, sentAt);
            }
        }
    }

    private static long reconnect(DatagramChannel ch, long current) throws Exception {
        ch.configureBlocking(true);
        try {
            return connect(ch);
        } finally {
            ch.configureBlocking(false);
        }
    }

    private static long connect(DatagramChannel ch) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(-1);
        ByteBuffer in = ByteBuffer.allocate(2048);
        for (int attempt = 0; attempt < 50; attempt++) {
            b.flip();
            ch.write(b);
            b.position(16);
            long deadline = System.nanoTime() + 100_000_000L;
            ch.configureBlocking(false);
            while (System.nanoTime() < deadline) {
                in.clear();
                if (ch.receive(in) != null && in.position() == 16 && in.getInt(0) == 0 && in.getInt(4) == -1) {
                    ch.configureBlocking(true);
                    return in.getLong(8);
                }
                Thread.onSpinWait();
            }
            ch.configureBlocking(true);
        }
        throw new IllegalStateException("no connect reply from the tracker");
    }

    private static void send(DatagramChannel ch, ByteBuffer out, long connectionId, int slot, List<byte[]> hashes,
                             SplittableRandom random, long[] sentAt) throws Exception {
        out.clear();
        out.putLong(connectionId).putInt(1).putInt(slot)
                .put(hashes.get(random.nextInt(hashes.size())))
                .put("-UL0001-".getBytes()).putLong(random.nextLong()).putInt(random.nextInt())
                .putLong(0).putLong(random.nextInt(4) == 0 ? 0 : 1000).putLong(0)
                .putInt(0).putInt(0).putInt(random.nextInt()).putInt(-1)
                .putShort((short) (1024 + random.nextInt(60000)));
        out.flip();
        sentAt[slot] = System.nanoTime();
        ch.write(out);
    }
}
