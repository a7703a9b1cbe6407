package org.seedcast.faults;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

import org.seedcast.support.Http;
import org.seedcast.torrent.bencode.BDict;
import org.seedcast.torrent.bencode.BString;
import org.seedcast.torrent.bencode.BencodeDecoder;

/**
 * A peer on 127.0.0.1 announcing to the application's tracker over HTTP (BEP 3, compact peers of
 * BEP 23) and UDP (BEP 15), reading the answer as a client would.
 */
final class TrackerClient {

    private final int trackerPort;
    private final Http http;

    TrackerClient(int trackerPort) {
        this.trackerPort = trackerPort;
        this.http = Http.at(trackerPort);
    }

    /** The ports of the peers in an answer, or the tracker's refusal. */
    record Answer(Optional<String> failureReason, List<Integer> peerPorts) {
    }

    Answer http(String infoHashHex, int port, long left, String event) {
        StringBuilder hash = new StringBuilder();
        for (int i = 0; i < infoHashHex.length(); i += 2) {
            hash.append('%').append(infoHashHex, i, i + 2);
        }
        String query = "info_hash=" + hash + "&peer_id=-qB4650-" + String.format("%012d", port) + "&port=" + port
                + "&uploaded=0&downloaded=0&left=" + left + "&compact=1" + (event == null ? "" : "&event=" + event);
        HttpResponse<byte[]> response = http.sendForBytes(http.request("/announce?" + query).build());
        if (response.statusCode() != 200) {
            throw new AssertionError("announce answered " + response.statusCode());
        }
        BDict answer = (BDict) BencodeDecoder.strict().decode(response.body());
        Optional<String> failure = answer.get("failure reason").map(v -> ((BString) v).text());
        byte[] peers = answer.get("peers").map(v -> ((BString) v).bytes()).orElse(new byte[0]);
        return new Answer(failure, ports(ByteBuffer.wrap(peers)));
    }

    /** A BEP 15 connect and announce; {@code event}: 0 none, 1 completed, 2 started, 3 stopped. */
    Answer udp(String infoHashHex, int port, long left, int event) throws Exception {
        try (DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            socket.setSoTimeout(5000);
            InetSocketAddress tracker = new InetSocketAddress(InetAddress.getLoopbackAddress(), trackerPort);
            int transaction = ThreadLocalRandom.current().nextInt();
            ByteBuffer connect = ByteBuffer.allocate(16)
                    .putLong(0x41727101980L) // protocol id
                    .putInt(0)               // action: connect
                    .putInt(transaction);
            ByteBuffer reply = exchange(socket, tracker, connect.array());
            expect(reply, 0, transaction);
            long connectionId = reply.getLong();

            byte[] peerId = String.format("-qB4650-%012d", port).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            ByteBuffer announce = ByteBuffer.allocate(98)
                    .putLong(connectionId)
                    .putInt(1)                                // action: announce
                    .putInt(++transaction)
                    .put(HexFormat.of().parseHex(infoHashHex)) // info_hash
                    .put(peerId)
                    .putLong(0)                               // downloaded
                    .putLong(left)
                    .putLong(0)                               // uploaded
                    .putInt(event)
                    .putInt(0)                                // IP: the sender's
                    .putInt(port)                             // key
                    .putInt(-1)                               // num_want: default
                    .putShort((short) port);
            reply = exchange(socket, tracker, announce.array());
            int action = reply.getInt();
            if (reply.getInt() != transaction) {
                throw new AssertionError("UDP answer for another transaction");
            }
            if (action == 3) {
                byte[] message = new byte[reply.remaining()];
                reply.get(message);
                return new Answer(Optional.of(new String(message, java.nio.charset.StandardCharsets.UTF_8)), List.of());
            }
            if (action != 1) {
                throw new AssertionError("UDP announce answered action " + action);
            }
            reply.getInt(); // interval
            reply.getInt(); // leechers
            reply.getInt(); // seeders
            return new Answer(Optional.empty(), ports(reply));
        }
    }

    private static ByteBuffer exchange(DatagramSocket socket, InetSocketAddress tracker, byte[] packet) throws Exception {
        socket.send(new DatagramPacket(packet, packet.length, tracker));
        DatagramPacket received = new DatagramPacket(new byte[2048], 2048);
        socket.receive(received);
        return ByteBuffer.wrap(received.getData(), 0, received.getLength());
    }

    private static void expect(ByteBuffer reply, int action, int transaction) {
        int got = reply.getInt();
        if (got != action || reply.getInt() != transaction) {
            throw new AssertionError("UDP answer with action " + got + ", expected " + action);
        }
    }

    /** Compact IPv4 peers: 4 bytes of address, 2 of port, each. */
    private static List<Integer> ports(ByteBuffer peers) {
        List<Integer> ports = new ArrayList<>();
        while (peers.remaining() >= 6) {
            peers.getInt();
            ports.add(Short.toUnsignedInt(peers.getShort()));
        }
        return ports;
    }
}
