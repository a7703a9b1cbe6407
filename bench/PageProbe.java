import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fan during the flood: from its own loopback address, loads a page and a feed in turn (one
 * request every INTERVAL_MS), each on a new connection, and prints p50/p99/max and failures.
 * A request fails when it is not answered 200 within 5 s.
 *
 * usage: java bench/PageProbe.java SOURCE_ADDRESS HOST PORT SECONDS INTERVAL_MS PATH...
 */
public class PageProbe {

    public static void main(String[] args) throws Exception {
        String source = args[0];
        String host = args[1];
        int port = Integer.parseInt(args[2]);
        long end = System.nanoTime() + Long.parseLong(args[3]) * 1_000_000_000L;
        long interval = Long.parseLong(args[4]);
        List<String> paths = List.of(args).subList(5, args.length);
        List<Double> millis = new ArrayList<>();
        int failures = 0;
        int slowest = -1;
        double slowestMillis = -1;
        for (int i = 0; System.nanoTime() < end; i++) {
            long start = System.nanoTime();
            if (fetch(source, host, port, paths.get(i % paths.size()))) {
                double took = (System.nanoTime() - start) / 1e6;
                millis.add(took);
                if (took > slowestMillis) {
                    slowestMillis = took;
                    slowest = i;
                }
            } else {
                failures++;
            }
            Thread.sleep(interval);
        }
        Collections.sort(millis);
        System.out.printf("pages: %d answered, %d failed, p50 %.1f ms, p99 %.1f ms, max %.1f ms (request #%d, %s)%n",
                millis.size(), failures, at(millis, 0.50), at(millis, 0.99), millis.isEmpty() ? 0 : millis.get(millis.size() - 1),
                slowest, slowest < 0 ? "-" : paths.get(slowest % paths.size()));
    }

    private static boolean fetch(String source, String host, int port, String path) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(new InetSocketAddress(host, port), 5000);
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            InputStream in = socket.getInputStream();
            byte[] head = in.readNBytes(12);
            boolean ok = new String(head, StandardCharsets.US_ASCII).startsWith("HTTP/1.1 200");
            in.transferTo(OutputStream.nullOutputStream());
            return ok;
        } catch (Exception e) {
            return false;
        }
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
