import java.io.ByteArrayOutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The legitimate side of the flood scenario: PEERS peers of one published torrent, each on its own
 * loopback address (127.0.1.1 and up), each announcing about once every INTERVAL seconds, half over
 * UDP (BEP 15) and half over HTTP (a new connection per announce). An announce fails if it times out
 * (2 s) or is refused. Prints p50/p99 per transport and the failures, for the whole run, for its
 * first CALM seconds (before the flood begins: the tracker is serving its swarm as it would be when
 * a flood starts, and its JVM compiles its hot code) and for the rest (during the flood). This client
 * warms itself up first against a stand-in tracker of its own, so its figures are the tracker's.
 *
 * usage: java bench/LegitSwarm.java HOST PORT INFO_HASH_HEX SECONDS [PEERS=1000] [INTERVAL=20] [CALM=0]
 */
public class LegitSwarm {

    public static void main(String[] args) throws Exception {
        String host = args[0];
        int port = Integer.parseInt(args[1]);
        byte[] hash = HexFormat.of().parseHex(args[2]);
        long seconds = Long.parseLong(args[3]);
        int peers = args.length > 4 ? Integer.parseInt(args[4]) : 1000;
        int interval = args.length > 5 ? Integer.parseInt(args[5]) : 20;
        int calm = args.length > 6 ? Integer.parseInt(args[6]) : 0;
        ConcurrentLinkedQueue<Long> udp = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> http = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> udpCalm = new ConcurrentLinkedQueue<>(); // sent in the first CALM seconds
        ConcurrentLinkedQueue<Long> httpCalm = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<Long> udpFlood = new ConcurrentLinkedQueue<>(); // sent after them
        ConcurrentLinkedQueue<Long> httpFlood = new ConcurrentLinkedQueue<>();
        long floodStart = System.nanoTime() + calm * 1_000_000_000L;
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger floodFailures = new AtomicInteger();
        AtomicInteger udpFailures = new AtomicInteger();
        warmUp(hash, peers);
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(16);
        for (int i = 0; i < peers; i++) {
            int n = i + 1;
            InetAddress address = InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + n / 256), (byte) (n % 256)});
            boolean overUdp = i % 2 == 0;
            Peer peer = new Peer(address, n, new InetSocketAddress(host, port), hash);
            long delay = (long) i * interval * 1000 / peers; // spread over the interval
            pool.scheduleAtFixedRate(() -> {
                long start = System.nanoTime();
                boolean ok = overUdp ? peer.udpAnnounce() : peer.httpAnnounce();
                long took = System.nanoTime() - start;
                boolean flood = start - floodStart >= 0;
                if (ok) {
                    (overUdp ? udp : http).add(took);
                    if (flood) {
                        (overUdp ? udpFlood : httpFlood).add(took);
                    } else {
                        (overUdp ? udpCalm : httpCalm).add(took);
                    }
                } else {
                    failures.incrementAndGet();
                    if (overUdp) {
                        udpFailures.incrementAndGet();
                    }
                    if (flood) {
                        floodFailures.incrementAndGet();
                    }
                }
            }, delay, interval * 1000L, TimeUnit.MILLISECONDS);
        }
        Thread.sleep(seconds * 1000);
        pool.shutdownNow();
        pool.awaitTermination(5, TimeUnit.SECONDS);
        System.out.printf("legitimate announces: udp %s; http %s; failures %d (udp %d, http %d)%n",
                stats(udp), stats(http), failures.get(), udpFailures.get(), failures.get() - udpFailures.get());
        if (calm > 0) {
            System.out.printf("  before the flood (first %d s, the tracker just started): udp %s; http %s%n", calm,
                    stats(udpCalm), stats(httpCalm));
            System.out.printf("  during the flood: udp %s; http %s; failures %d%n", stats(udpFlood), stats(httpFlood),
                    floodFailures.get());
        }
    }

    /**
     * Runs this client's own code (sockets, formatting, parsing) against a stand-in tracker on
     * loopback before the first measured announce, so that the first seconds' figures are the
     * tracker's and not this JVM's class loading and compiling. The real tracker sees nothing of it.
     */
    private static void warmUp(byte[] hash, int peers) throws Exception {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0));
             ServerSocket http = new ServerSocket()) {
            http.bind(new InetSocketAddress("127.0.0.1", udp.getLocalPort()));
            Thread.ofPlatform().daemon().start(() -> {
                byte[] in = new byte[2048];
                while (true) {
                    try {
                        DatagramPacket p = new DatagramPacket(in, in.length);
                        udp.receive(p);
                        ByteBuffer q = ByteBuffer.wrap(in, 0, p.getLength());
                        int action = q.getInt(8);
                        byte[] reply = action == 0
                                ? ByteBuffer.allocate(16).putInt(0).putInt(q.getInt(12)).putLong(42).array()
                                : ByteBuffer.allocate(20).putInt(1).putInt(q.getInt(12)).putInt(1800).putInt(0).putInt(0).array();
                        udp.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                    } catch (Exception e) {
                        return;
                    }
                }
            });
            Thread.ofPlatform().daemon().start(() -> {
                byte[] body = "d8:completei0e10:incompletei0e8:intervali1800e5:peers0:e".getBytes(StandardCharsets.US_ASCII);
                while (true) {
                    try (Socket s = http.accept()) {
                        byte[] request = new byte[4096];
                        int n = 0;
                        while (n < 4 || !new String(request, n - 4, 4, StandardCharsets.US_ASCII).equals("\r\n\r\n")) {
                            n += s.getInputStream().read(request, n, request.length - n);
                        }
                        s.getOutputStream().write(("HTTP/1.1 200 OK\r\nContent-Length: " + body.length + "\r\n\r\n")
                                .getBytes(StandardCharsets.US_ASCII));
                        s.getOutputStream().write(body);
                    } catch (Exception e) {
                        if (http.isClosed()) {
                            return;
                        }
                    }
                }
            });
            InetSocketAddress standIn = new InetSocketAddress("127.0.0.1", udp.getLocalPort());
            for (int i = 0; i < 2000; i++) {
                int n = i % peers + 1;
                Peer peer = new Peer(InetAddress.getByAddress(new byte[] {127, 0, (byte) (1 + n / 256), (byte) (n % 256)}),
                        n, standIn, hash);
                if (!peer.udpAnnounce() || !peer.httpAnnounce()) {
                    throw new IllegalStateException("the warm-up's stand-in tracker did not answer");
                }
                peer.socket.close();
            }
        }
    }

    private static String stats(ConcurrentLinkedQueue<Long> q) {
        long[] a = q.stream().mapToLong(Long::longValue).sorted().toArray();
        if (a.length == 0) {
            return "none";
        }
        return String.format("%d ok, p50 %.2f ms, p99 %.2f ms, max %.2f ms", a.length,
                a[a.length / 2] / 1e6, a[(int) Math.min(a.length - 1, a.length * 0.99)] / 1e6, a[a.length - 1] / 1e6);
    }

    static final class Peer {
        final InetAddress address;
        final int n;
        final InetSocketAddress tracker;
        final byte[] hash;
        DatagramSocket socket;
        long connectionId;
        long connectedAt;

        Peer(InetAddress address, int n, InetSocketAddress tracker, byte[] hash) {
            this.address = address;
            this.n = n;
            this.tracker = tracker;
            this.hash = hash;
        }

        synchronized boolean udpAnnounce() {
            try {
                if (socket == null) {
                    socket = new DatagramSocket(new InetSocketAddress(address, 0));
                    socket.setSoTimeout(2000);
                }
                if (System.nanoTime() - connectedAt > 50_000_000_000L) {
                    ByteBuffer reply = exchange(ByteBuffer.allocate(16).putLong(0x41727101980L).putInt(0).putInt(n).array());
                    if (reply == null || reply.getInt() != 0) {
                        return false;
                    }
                    reply.getInt();
                    connectionId = reply.getLong();
                    connectedAt = System.nanoTime();
                }
                byte[] announce = ByteBuffer.allocate(98).putLong(connectionId).putInt(1).putInt(n).put(hash)
                        .put(String.format("-LS0001-%012d", n).getBytes(StandardCharsets.US_ASCII))
                        .putLong(0).putLong(n % 5 == 0 ? 0 : 1000).putLong(0).putInt(0).putInt(0).putInt(n).putInt(-1)
                        .putShort((short) (10000 + n)).array();
                ByteBuffer reply = exchange(announce);
                return reply != null && reply.getInt() == 1 && reply.getInt() == n && reply.getInt() < 7200;
            } catch (Exception e) {
                return false;
            }
        }

        private ByteBuffer exchange(byte[] packet) throws Exception {
            socket.send(new DatagramPacket(packet, packet.length, tracker));
            DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
            socket.receive(p);
            return ByteBuffer.wrap(p.getData(), 0, p.getLength());
        }

        boolean httpAnnounce() {
            StringBuilder q = new StringBuilder("/announce?info_hash=");
            for (byte b : hash) {
                q.append('%').append(String.format("%02x", b));
            }
            q.append("&peer_id=").append(String.format("-LS0001-%012d", n)).append("&port=").append(10000 + n)
                    .append("&uploaded=0&downloaded=0&left=").append(n % 5 == 0 ? 0 : 1000).append("&compact=1");
            try (Socket s = new Socket()) {
                s.bind(new InetSocketAddress(address, 0));
                s.connect(tracker, 2000);
                s.setSoTimeout(2000);
                s.getOutputStream().write(("GET " + q + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                s.getInputStream().transferTo(out);
                String answer = out.toString(StandardCharsets.ISO_8859_1);
                return answer.startsWith("HTTP/1.") && answer.contains("\r\n\r\nd8:complete");
            } catch (Exception e) {
                return false;
            }
        }
    }
}
