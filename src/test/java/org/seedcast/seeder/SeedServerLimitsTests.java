package org.seedcast.seeder;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.seedcast.publishing.Seedable;
import org.seedcast.torrent.TorrentFormat;

/** The listener's gates, with real sockets: bans, the limit per address, and shedding at capacity. */
class SeedServerLimitsTests {

    @TempDir
    Path dir;

    SeedRegistry registry = new SeedRegistry();
    Seedable seedable;
    SeedServer server;
    Seed seed;
    final List<Socket> sockets = new ArrayList<>();

    @BeforeEach
    void torrent() throws Exception {
        seedable = SeedFixture.seedable(1, SeedFixture.media(dir, "e.mp4", 100_000, 1), TorrentFormat.V1);
        registry.add(SeedFixture.seeded(seedable, 8));
    }

    @AfterEach
    void stop() throws IOException {
        for (Socket s : sockets) {
            s.close();
        }
        if (server != null) {
            server.stop();
        }
    }

    void start(SeederProperties settings, InetAddress banned) {
        seed = SeedFixture.seed(registry, settings, System::nanoTime);
        server = new SeedServer(seed, 0, address -> address.equals(banned));
        server.start();
    }

    Socket connect(String from) throws IOException {
        Socket s = new Socket();
        sockets.add(s);
        s.bind(new java.net.InetSocketAddress(from, 0));
        s.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()), 5000);
        s.setSoTimeout(10_000);
        return s;
    }

    /** Sends a handshake and reads the seed's: the connection is served. */
    void handshake(Socket s) throws IOException {
        OutputStream out = s.getOutputStream();
        out.write(19);
        out.write("BitTorrent protocol".getBytes(StandardCharsets.US_ASCII));
        out.write(new byte[8]);
        out.write(seedable.torrent().infoHash().toBytes());
        out.write("-XX0001-000000000000".getBytes(StandardCharsets.US_ASCII));
        out.flush();
        byte[] answer = s.getInputStream().readNBytes(68);
        assertThat(answer).hasSize(68);
    }

    /** Whether the seed closed the connection (end of stream, or reset) within the socket's timeout. */
    static boolean closedBySeed(Socket s) throws IOException {
        InputStream in = s.getInputStream();
        try {
            while (in.read() >= 0) {
                // the seed's greeting, if any, before it closes
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (IOException e) {
            return true; // reset
        }
    }

    @Test
    void answersAnEncryptedHandshakesKeyUnlessEncryptedHandshakesAreOff() throws Exception {
        byte[] key = new byte[EncryptedHandshake.KEY_LENGTH];
        key[0] = (byte) 0x98; // a Diffie-Hellman public key, where a plaintext handshake has 19
        start(SeedFixture.limits(100, 16, 100), null);
        Socket answered = connect("127.0.0.8");
        answered.getOutputStream().write(key);
        assertThat(answered.getInputStream().readNBytes(EncryptedHandshake.KEY_LENGTH)).as("the seed's key")
                .hasSize(EncryptedHandshake.KEY_LENGTH);
        server.stop();

        start(SeedFixture.limits(100, 16, 0), null);
        Socket closed = connect("127.0.0.8");
        closed.getOutputStream().write(key);
        assertThat(closedBySeed(closed)).isTrue();
        assertThat(seed.metrics().count(CloseReason.ENCRYPTED)).isOne();
    }

    @Test
    void refusesAnAddressTheTrackerBans() throws Exception {
        start(SeedFixture.limits(100, 16), InetAddress.getByName("127.0.0.2"));

        assertThat(closedBySeed(connect("127.0.0.2"))).isTrue();
        handshake(connect("127.0.0.3"));
        assertThat(seed.metrics().count(CloseReason.BANNED)).isOne();
    }

    @Test
    void refusesConnectionsPastTheLimitOfTheirAddress() throws Exception {
        start(SeedFixture.limits(100, 2), null);
        handshake(connect("127.0.0.4"));
        handshake(connect("127.0.0.4"));

        assertThat(closedBySeed(connect("127.0.0.4"))).isTrue();
        handshake(connect("127.0.0.5"));
        assertThat(seed.metrics().count(CloseReason.ADDRESS_LIMIT)).isOne();
    }

    @Test
    void atCapacityShedsTheConnectionIdleLongestForANewcomer() throws Exception {
        start(SeedFixture.limits(2, 16), null);
        Socket idlest = connect("127.0.0.6");
        handshake(idlest);
        Socket other = connect("127.0.0.7");
        handshake(other);

        Socket newcomer = connect("127.0.0.8");
        handshake(newcomer);

        assertThat(closedBySeed(idlest)).isTrue();
        assertThat(seed.metrics().count(CloseReason.SHED)).isOne();
    }
}
