package org.seedcast.tracker.engine;

import org.seedcast.tracker.guard.NetworkSet;
import org.seedcast.tracker.protocol.AddressLiteral;
import org.seedcast.tracker.protocol.Endpoint;

/** Reads {@code X-Forwarded-For}: literal IPv4 or IPv6 addresses only, never a name lookup. */
final class ForwardedAddress {

    private ForwardedAddress() {
    }

    /**
     * The client behind trusted proxies: the right-most hop of {@code header} that is not itself a
     * trusted proxy, walking back from {@code remote}. A hop that is not an address stops the walk
     * at the proxy before it: what lies beyond a garbled hop was not written by a proxy we trust.
     */
    static Endpoint client(Endpoint remote, String header, NetworkSet trusted) {
        String[] hops = header.split(",");
        Endpoint client = remote;
        for (int i = hops.length - 1; i >= 0; i--) {
            Endpoint hop = parse(hops[i].strip());
            if (hop == null) {
                break;
            }
            client = hop;
            if (!trusted.contains(hop)) {
                break;
            }
        }
        return client;
    }

    /** One hop's address, or {@code null} when the text is not a literal address. */
    static Endpoint parse(String text) {
        String t = text.startsWith("[") && text.indexOf(']') > 0 ? text.substring(1, text.indexOf(']')) : text;
        byte[] address = AddressLiteral.parse(t);
        return address == null ? null : Endpoint.of(address, 0);
    }
}
