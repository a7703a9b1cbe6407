import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How long a peer announced to one tracker node takes to be returned by another (BEP 15 over UDP on
 * loopback). Each trial: a fresh peer (its own loopback address, 127.0.1.x) connects to node A and
 * announces a known hash; an observer (127.0.2.x) announces the same hash to node B every POLL_MS
 * until B's answer lists the peer; the time from A's answer to that is one sample. The observer's
 * connection id comes from node A, so every trial also checks that B accepts A's ids. The peer then
 * stops. Prints p50, p99 and the maximum.
 *
 * usage: java bench/ClusterLatency.java HOST PORT_A PORT_B HASH_FILE TRIALS [POLL_MS=5]
 * (PORT_A, PORT_B: a port on HOST, or HOST:PORT for nodes on addresses of their own)
 */
public class ClusterLatency {

    private static final long PROTOCOL_ID = 0x41727101980L;

    public static void main(String[] args) throws Exception {
        String host = args[0];
        InetSocketAddress a = node(host, args[1]);
        InetSocketAddress b = node(host, args[2]);
        List<byte[]> hashes = Files.readAllLines(Path.of(args[3])).stream().map(String::strip)
                .filter(l -> l.length() == 40).map(HexFormat.of()::parseHex).toList();
        int trials = Integer.parseInt(args[4]);
        long pollNanos = (args.length > 5 ? Long.parseLong(args[5]) : 5) * 1_000_000L;
        long[] samples = new long[trials];
        int missed = 0;
        for (int t = 0; t < trials; t++) {
            byte[] hash = hashes.get(t % hashes.size());
            String peerAddress = "127.0.1." + (1 + t % 250);
            String observerAddress = "127.0.2." + (1 + t % 250);
            int peerPort = 20_000 + t;
            try (DatagramChannel peer = open(peerAddress); DatagramChannel observer = open(observerAddress)) {
                long peerId = connect(peer, a);
                long observerId = connect(observer, a); // issued by A, used on B
                announce(peer, a, peerId, hash, 2, peerPort);
                long announced = System.nanoTime();
                long deadline = announced + 10_000_000_000L;
                boolean seen = false;
                while (!seen && System.nanoTime() < deadline) {
                    ByteBuffer answer = announce(observer, b, observerId, hash, 0, 30_000);
                    seen = lists(answer, peerAddress, peerPort);
                    if (!seen) {
                        Thread.sleep(pollNanos / 1_000_000L, (int) (pollNanos % 1_000_000L));
                    }
                }
                if (seen) {
                    samples[t] = System.nanoTime() - announced;
                } else {
                    missed++;
                    samples[t] = Long.MAX_VALUE;
                }
                announce(peer, a, peerId, hash, 3, peerPort);
                announce(observer, b, observerId, hash, 3, 30_000);
            }
        }
        Arrays.sort(samples);
        System.out.printf("cluster latency: %d trials, p50 %.1f ms, p99 %.1f ms, max %.1f ms, %d not seen within 10 s%n",
                trials, ms(samples[trials / 2]), ms(samples[Math.min(trials - 1, (int) (trials * 0.99))]),
                ms(samples[trials - 1]), missed);
    }

    private static InetSocketAddress node(String host, String port) {
        int colon = port.lastIndexOf(':');
        return colon < 0 ? new InetSocketAddress(host, Integer.parseInt(port))
                : new InetSocketAddress(port.substring(0, colon), Integer.parseInt(port.substring(colon + 1)));
    }

    private static double ms(long nanos) {
        return nanos == Long.MAX_VALUE ? Double.POSITIVE_INFINITY : nanos / 1e6;
    }

    private static DatagramChannel open(String address) throws Exception {
        DatagramChannel ch = DatagramChannel.open();
        ch.bind(new InetSocketAddress(address, 0));
        ch.socket().setSoTimeout(2000);
        return ch;
    }

    private static ByteBuffer exchange(DatagramChannel ch, InetSocketAddress to, ByteBuffer request, int tid)
            throws Exception {
        for (int attempt = 0; attempt < 5; attempt++) {
            ch.send(request.duplicate(), to);
            ByteBuffer in = ByteBuffer.allocate(2048);
            long until = System.nanoTime() + 1_000_000_000L;
            ch.configureBlocking(false);
            while (System.nanoTime() < until) {
                in.clear();
                if (ch.receive(in) != null) {
                    in.flip();
                    if (in.remaining() >= 8 && in.getInt(4) == tid) {
                        return in;
                    }
                }
                Thread.onSpinWait();
            }
        }
        throw new IllegalStateException("no answer from " + to);
    }

    private static long connect(DatagramChannel ch, InetSocketAddress to) throws Exception {
        int tid = ThreadLocalRandom.current().nextInt();
        ByteBuffer in = exchange(ch, to, ByteBuffer.allocate(16).putLong(PROTOCOL_ID).putInt(0).putInt(tid).flip(), tid);
        return in.getLong(8);
    }

    private static ByteBuffer announce(DatagramChannel ch, InetSocketAddress to, long connectionId, byte[] hash,
                                       int event, int port) throws Exception {
        int tid = ThreadLocalRandom.current().nextInt();
        byte[] peerId = new byte[20];
        ThreadLocalRandom.current().nextBytes(peerId);
        ByteBuffer out = ByteBuffer.allocate(98).putLong(connectionId).putInt(1).putInt(tid).put(hash).put(peerId)
                .putLong(0).putLong(1000).putLong(0).putInt(event).putInt(0).putInt(0).putInt(200)
                .putShort((short) port).flip();
        ByteBuffer in = exchange(ch, to, out, tid);
        if (in.getInt(0) != 1) {
            throw new IllegalStateException("not an announce answer from " + to + " (action " + in.getInt(0)
                    + "): was the connection id refused?");
        }
        return in;
    }

    private static boolean lists(ByteBuffer answer, String address, int port) {
        byte[] want = new InetSocketAddress(address, port).getAddress().getAddress();
        for (int o = 20; o + 6 <= answer.limit(); o += 6) {
            if (answer.get(o) == want[0] && answer.get(o + 1) == want[1] && answer.get(o + 2) == want[2]
                    && answer.get(o + 3) == want[3] && (answer.getShort(o + 4) & 0xFFFF) == port) {
                return true;
            }
        }
        return false;
    }
}
