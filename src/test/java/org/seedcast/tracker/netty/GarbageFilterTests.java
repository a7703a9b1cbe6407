package org.seedcast.tracker.netty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.seedcast.tracker.engine.TrackerMetrics.Kind.ANNOUNCE;
import static org.seedcast.tracker.engine.TrackerMetrics.Kind.CONNECT;
import static org.seedcast.tracker.engine.TrackerMetrics.Outcome.BAD_REQUEST;
import static org.seedcast.tracker.engine.TrackerMetrics.Transport.UDP;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.seedcast.tracker.TrackerDefaults;
import org.seedcast.tracker.engine.TrackerMetrics;
import org.seedcast.tracker.protocol.UdpCodec;

/**
 * The UDP sockets' kernel filter, on the real listener: garbage the tracker never answers is
 * dropped before it reaches the engine (and counted by the kernel), while requests, well formed or
 * merely request-shaped, still reach it.
 */
class GarbageFilterTests {

    private final TrackerMetrics metrics = new TrackerMetrics(new SimpleMeterRegistry());
    private TrackerServer server;
    private InetSocketAddress tracker;

    @BeforeEach
    void start() {
        assumeTrue(Transport.EPOLL.available(), "socket filters are attached on Linux's epoll transport");
        server = new TrackerServer(HttpListenerContractTests.servingPublished(metrics), TrackerDefaults.listener()
                .toBuilder().bindAddress("127.0.0.1").threads(1).httpThreads(1).udpSockets(1).build());
        server.start();
        tracker = new InetSocketAddress("127.0.0.1", server.port());
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    @Test
    void garbageIsDroppedByTheKernelAndRequestsStillReachTheEngine() throws Exception {
        long kernelDropsBefore = kernelDrops(server.port());
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            udp.setSoTimeout(5_000);
            for (int i = 0; i < 40; i++) {
                send(udp, ByteBuffer.allocate(16).putLong(System.nanoTime()).putInt(UdpCodec.CONNECT).putInt(i)); // no magic
                send(udp, ByteBuffer.allocate(15).putLong(UdpCodec.PROTOCOL_ID).putInt(UdpCodec.CONNECT)); // too short
            }
            send(udp, ByteBuffer.allocate(16).putLong(42).putInt(UdpCodec.ANNOUNCE).putInt(7)); // request-shaped

            send(udp, ByteBuffer.allocate(16).putLong(UdpCodec.PROTOCOL_ID).putInt(UdpCodec.CONNECT).putInt(99));
            DatagramPacket reply = new DatagramPacket(new byte[64], 64);
            udp.receive(reply);
            ByteBuffer answer = ByteBuffer.wrap(reply.getData(), 0, reply.getLength());
            assertThat(answer.getInt()).as("a connect still answered").isEqualTo(UdpCodec.CONNECT);
            assertThat(answer.getInt()).isEqualTo(99);
        }
        // datagrams from one socket are queued in order: all of them were taken or dropped by now
        assertThat(metrics.count(UDP, ANNOUNCE, BAD_REQUEST)).as("a request-shaped datagram reaches the engine")
                .isEqualTo(1);
        assertThat(metrics.count(UDP, CONNECT, BAD_REQUEST)).as("no garbage reached the engine").isZero();
        assertThat(kernelDrops(server.port()) - kernelDropsBefore).as("the kernel counts what it dropped")
                .isEqualTo(80);
    }

    private void send(DatagramSocket udp, ByteBuffer datagram) throws IOException {
        udp.send(new DatagramPacket(datagram.array(), datagram.capacity(), tracker));
    }

    /** The drops column of /proc/net/udp and udp6 for the sockets bound to the port. */
    private static long kernelDrops(int port) throws IOException {
        String local = String.format(Locale.ROOT, ":%04X", port);
        long drops = 0;
        for (String table : new String[] {"/proc/net/udp", "/proc/net/udp6"}) {
            try (Stream<String> lines = Files.lines(Path.of(table))) {
                drops += lines.map(String::trim).map(line -> line.split("\\s+"))
                        .filter(fields -> fields.length > 12 && fields[1].endsWith(local))
                        .mapToLong(fields -> Long.parseLong(fields[fields.length - 1])).sum();
            }
        }
        return drops;
    }
}
