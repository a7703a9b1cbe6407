package org.seedcast.publishing;

/** Host names and literals as they appear in settings and URLs: an IPv6 literal is bracketed in a URL only. */
final class Hosts {

    private Hosts() {
    }

    /** {@code [2001:db8::1]} → {@code 2001:db8::1}; anything else unchanged. */
    static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** {@code HOST:PORT} for an unbracketed host, an IPv6 literal in brackets (RFC 3986, 3.2.2). */
    static String authority(String host, int port) {
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
    }
}
