package org.seedcast.tracker.engine;

import org.seedcast.tracker.protocol.AddressLiteral;
import org.seedcast.tracker.protocol.Endpoint;

/** Parses one {@code X-Forwarded-For} hop: a literal IPv4 or IPv6 address, never a name lookup. */
final class ForwardedAddress {

    private ForwardedAddress() {
    }

    /** The address, or {@code null} when the text is not a literal address. */
    static Endpoint parse(String text) {
        String t = text.startsWith("[") && text.indexOf(']') > 0 ? text.substring(1, text.indexOf(']')) : text;
        byte[] address = AddressLiteral.parse(t);
        return address == null ? null : Endpoint.of(address, 0);
    }
}
