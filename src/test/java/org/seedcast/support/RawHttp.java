package org.seedcast.support;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * HTTP/1.1 over a plain socket, for tests of what a listener does with connections themselves (limits,
 * deadlines, shedding), which an HTTP client library hides: the tracker's listeners and the web port alike.
 */
public final class RawHttp {

    private static final Pattern CONTENT_LENGTH = Pattern.compile("(?im)^content-length:\\s*(\\d+)\\s*$");

    private RawHttp() {
    }

    /** One answer on a kept connection: its head, then Content-Length bytes of body; EOF if it closes first. */
    public static String readAnswer(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("closed after " + head.toString(StandardCharsets.ISO_8859_1));
            }
            head.write(b);
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        Matcher length = CONTENT_LENGTH.matcher(text);
        if (!length.find()) {
            throw new IllegalStateException("an answer without a length: " + text);
        }
        return text + new String(in.readNBytes(Integer.parseInt(length.group(1))), StandardCharsets.ISO_8859_1);
    }

    /** Whether the server closed the connection (end of stream, or reset) within {@code millis}. */
    public static boolean closedByServer(Socket s, int millis) throws IOException {
        int before = s.getSoTimeout();
        s.setSoTimeout(millis);
        try {
            return s.getInputStream().read() < 0;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        } catch (SocketException reset) {
            return true;
        } finally {
            s.setSoTimeout(before);
        }
    }

    /**
     * A slowloris: sends one byte every 50 ms, at most {@code bytes} of them, until the server closes the
     * connection; whether it did.
     */
    public static boolean trickledUntilClosed(Socket s, int bytes) throws IOException {
        OutputStream out = s.getOutputStream();
        for (int i = 0; i < bytes; i++) {
            try {
                out.write('a');
                out.flush();
                if (closedByServer(s, 50)) {
                    return true;
                }
            } catch (SocketException reset) {
                return true;
            }
        }
        return false;
    }
}
