package org.seedcast.tracker.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.seedcast.tracker.netty.HttpListenerContractTests.PUBLISHED;
import static org.seedcast.tracker.netty.HttpListenerContractTests.PUBLISHED_QUERY;
import static org.seedcast.tracker.netty.HttpListenerContractTests.servingPublished;
import static org.seedcast.tracker.netty.LoopbackHttp.http;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.ValueSource;
import org.seedcast.tracker.TrackerDefaults;

/**
 * The real listeners on an ephemeral loopback port, spoken to over real sockets; every test runs
 * with HTTP on io_uring (where the kernel offers it) and on epoll. What HTTP answers and how it
 * holds connections, the same on both paths, is {@link HttpListenerContractTests}'.
 */
@ParameterizedClass(name = "io_uring {0}")
@ValueSource(booleans = {true, false})
class TrackerServerTests {

    @Parameter
    boolean ioUring;

    private TrackerServer server;
    private int port;

    @BeforeEach
    void start() {
        server = new TrackerServer(servingPublished(), settings(Duration.ofMillis(700)));
        server.start();
        port = server.port();
    }

    private ListenerSettings settings(Duration idleTimeout) {
        return TrackerDefaults.listener().toBuilder().bindAddress("127.0.0.1").threads(2).httpThreads(2)
                .ioUring(ioUring).maxConnections(4096).maxConnectionsPerAddress(4).idleTimeout(idleTimeout).build();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void httpRunsOnIoUringWhereAvailableAndUdpOnEpoll() {
        boolean uring = ioUring && Transport.IO_URING.available();
        assertThat(server.transports()).isEqualTo("HTTP " + (uring ? "IO_URING" : "EPOLL") + ", UDP EPOLL");
        server.stop();
        assertThat(server.transports()).isEmpty();
    }

    @Test
    void answersHttpOnThePortItReports() throws Exception {
        String response = http(port, "/announce?info_hash=" + PUBLISHED_QUERY + "&peer_id=-qB4500-abcdefghijkl&port=6881&left=0");
        assertThat(response).startsWith("HTTP/1.1 200 OK").contains("8:intervali1800e");
    }

    @Test
    void stoppingFreesTheTcpAndUdpPort() throws Exception {
        server.stop();
        try (ServerSocket tcp = new ServerSocket(); DatagramSocket udp = new DatagramSocket(null)) {
            tcp.bind(new InetSocketAddress("127.0.0.1", port));
            udp.bind(new InetSocketAddress("127.0.0.1", port));
            assertThat(udp.getLocalPort()).isEqualTo(tcp.getLocalPort()).isEqualTo(port);
        }
    }

    @Test
    void speaksBep15OverUdpOnTheSamePort() throws Exception {
        try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getByName("127.0.0.1"))) {
            udp.setSoTimeout(3000);
            InetSocketAddress tracker = new InetSocketAddress("127.0.0.1", port);
            byte[] connect = ByteBuffer.allocate(16)
                    .putLong(0x41727101980L) // protocol_id
                    .putInt(0)               // action: connect
                    .putInt(77)              // transaction_id
                    .array();
            udp.send(new DatagramPacket(connect, connect.length, tracker));
            ByteBuffer reply = receive(udp);
            assertThat(reply.getInt()).isEqualTo(0);  // action: connect
            assertThat(reply.getInt()).isEqualTo(77); // transaction_id
            long connectionId = reply.getLong();

            byte[] announce = ByteBuffer.allocate(98)
                    .putLong(connectionId).putInt(1).putInt(78) // connection_id, action: announce, transaction_id
                    .put(PUBLISHED).put("-lt0D80-abcdefghijkl".getBytes(StandardCharsets.US_ASCII))
                    .putLong(0).putLong(0).putLong(0)          // downloaded, left (a seeder), uploaded
                    .putInt(2).putInt(0).putInt(1).putInt(-1)  // event: started, ip, key, num_want: default
                    .putShort((short) 6881)                    // port
                    .array();
            udp.send(new DatagramPacket(announce, announce.length, tracker));
            reply = receive(udp);
            assertThat(reply.getInt()).isEqualTo(1);    // action: announce
            assertThat(reply.getInt()).isEqualTo(78);   // transaction_id
            assertThat(reply.getInt()).isEqualTo(1800); // interval
            assertThat(reply.getInt()).isEqualTo(0);    // leechers
            assertThat(reply.getInt()).isEqualTo(1);    // seeders: this client
            assertThat(reply.remaining()).isZero();     // no other peers

            byte[] forged = announce.clone();
            forged[0] ^= 1; // an invalid connection id: no reply at all
            udp.send(new DatagramPacket(forged, forged.length, tracker));
            udp.setSoTimeout(300);
            try {
                receive(udp);
                throw new AssertionError("answered a packet with an invalid connection id");
            } catch (SocketTimeoutException expected) {
                // dropped silently
            }
        }
    }

    private static ByteBuffer receive(DatagramSocket udp) throws Exception {
        DatagramPacket p = new DatagramPacket(new byte[2048], 2048);
        udp.receive(p);
        return ByteBuffer.wrap(p.getData(), 0, p.getLength());
    }
}
