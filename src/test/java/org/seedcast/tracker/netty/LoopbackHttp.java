package org.seedcast.tracker.netty;

import java.io.ByteArrayOutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A test's HTTP/1.1 client for the tracker's listeners on loopback, over plain sockets. */
final class LoopbackHttp {

    private LoopbackHttp() {
    }

    static Socket socket(int port) throws Exception {
        Socket s = new Socket();
        s.connect(new InetSocketAddress("127.0.0.1", port), 30_000);
        s.setSoTimeout(30_000); // only bounds how long a broken test waits: a loaded machine may be slow
        return s;
    }

    /** A connection from {@code 127.0.0.x}: loopback answers on all of 127.0.0.0/8. */
    static Socket socketFrom(int x, int port) throws Exception {
        Socket s = new Socket();
        s.bind(new InetSocketAddress(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) x}), 0));
        s.connect(new InetSocketAddress("127.0.0.1", port), 2000);
        s.setSoTimeout(5000);
        return s;
    }

    static String readAll(Socket s) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.getInputStream().transferTo(out);
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /** One GET on a connection of its own, closed after the answer, which it returns whole. */
    static String http(int port, String target) throws Exception {
        try (Socket s = socket(port)) {
            s.getOutputStream().write(("GET " + target + " HTTP/1.1\r\nHost: t\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            return readAll(s);
        }
    }
}
