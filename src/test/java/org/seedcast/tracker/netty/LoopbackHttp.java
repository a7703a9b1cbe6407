package org.seedcast.tracker.netty;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
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

    /** Whether the tracker has closed the connection; waits up to {@code millis} for something to read. */
    static boolean closedByTracker(Socket s, int millis) throws Exception {
        s.setSoTimeout(millis);
        try {
            return s.getInputStream().read() == -1;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    /** One answer on a kept connection: its head, then Content-Length bytes of body. */
    static String readAnswer(InputStream in) throws Exception {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new AssertionError("closed after " + head);
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = Integer.parseInt(text.replaceAll("(?s).*Content-Length: (\\d+).*", "$1"));
        return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }
}
