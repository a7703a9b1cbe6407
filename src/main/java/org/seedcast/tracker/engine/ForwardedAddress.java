package org.seedcast.tracker.engine;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.seedcast.tracker.protocol.Endpoint;

/** Parses one {@code X-Forwarded-For} hop: a literal IPv4 or IPv6 address, never a name lookup. */
final class ForwardedAddress {

    private ForwardedAddress() {
    }

    /** The address, or {@code null} when the text is not a literal address. */
    static Endpoint parse(String text) {
        String t = text.startsWith("[") && text.indexOf(']') > 0 ? text.substring(1, text.indexOf(']')) : text;
        if (t.isEmpty() || t.length() > 45 || !t.matches("[0-9A-Fa-f:.]+")) {
            return null;
        }
        if (t.indexOf(':') < 0 && t.chars().filter(c -> c == '.').count() != 3) {
            return null;
        }
        try {
            return Endpoint.of(InetAddress.getByName(t), 0);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
