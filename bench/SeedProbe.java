import java.io.DataInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A leecher arriving at the publisher's seed during the flood: from its own loopback address, every
 * INTERVAL_MS, opens a new connection to the seed, sends a plaintext BitTorrent handshake for the
 * torrent (BEP 3, with the extension protocol's bit, BEP 10) and waits for the seed's handshake for
 * the same torrent and its first message after it (the extension handshake or the pieces it has),
 * then closes. Prints p50/p99/max of that wait and the failures: no such answer within 5 s.
 *
 * usage: java bench/SeedProbe.java SOURCE_ADDRESS HOST PORT INFO_HASH_HEX SECONDS INTERVAL_MS
 */
public class SeedProbe {

    public static void main(String[] args) throws Exception {
        String source = args[0];
        InetSocketAddress seed = new InetSocketAddress(args[1], Integer.parseInt(args[2]));
        byte[] infoHash = HexFormat.of().parseHex(args[3]);
        long end = System.nanoTime() + Long.parseLong(args[4]) * 1_000_000_000L;
        long interval = Long.parseLong(args[5]);
        List<Double> millis = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        while (System.nanoTime() < end) {
            long start = System.nanoTime();
            String failure = meet(source, seed, infoHash);
            if (failure == null) {
                millis.add((System.nanoTime() - start) / 1e6);
            } else {
                failures.add(failure);
            }
            Thread.sleep(interval);
        }
        Collections.sort(millis);
        System.out.printf("seed: %d answered, %d failed, p50 %.1f ms, p99 %.1f ms, max %.1f ms%s%n", millis.size(),
                failures.size(), at(millis, 0.50), at(millis, 0.99), millis.isEmpty() ? 0 : millis.getLast(),
                failures.isEmpty() ? "" : " (first failure: " + failures.getFirst() + ")");
    }

    /** One visit to the seed; null when it answered as a seed of the torrent does, else what went wrong. */
    private static String meet(String source, InetSocketAddress seed, byte[] infoHash) {
        try (Socket socket = new Socket()) {
            socket.bind(new InetSocketAddress(source, 0));
            socket.connect(seed, 5000);
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(handshake(infoHash));
            DataInputStream in = new DataInputStream(socket.getInputStream());
            byte[] theirs = in.readNBytes(68);
            if (theirs.length < 68) {
                return "closed after " + theirs.length + " bytes of the handshake";
            }
            if (!Arrays.equals(theirs, 28, 48, infoHash, 0, 20)) {
                return "a handshake for another torrent";
            }
            int length = in.readInt();
            while (length == 0) { // keep-alives
                length = in.readInt();
            }
            in.readNBytes(length);
            return null;
        } catch (IOException e) {
            return e.toString();
        }
    }

    private static byte[] handshake(byte[] infoHash) {
        byte[] reserved = new byte[8];
        reserved[5] = 0x10; // the extension protocol (BEP 10), as every current client sets it
        byte[] peerId = String.format("-SP0001-%012d", ThreadLocalRandom.current().nextLong(1_000_000_000_000L))
                .getBytes(StandardCharsets.US_ASCII);
        return ByteBuffer.allocate(68).put((byte) 19).put("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII))
                .put(reserved).put(infoHash).put(peerId).array();
    }

    private static double at(List<Double> sorted, double quantile) {
        return sorted.isEmpty() ? 0 : sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(quantile * sorted.size()) - 1));
    }
}
