package org.seedcast.admin;

/**
 * The network to ban for a source the tracker reports: an IPv4 address's /24, an IPv6 source's
 * /48 (the tracker reports IPv6 sources by their /64, e.g. {@code 2001:db8:1:2::/64}).
 */
final class SourceNetwork {

    private SourceNetwork() {
    }

    /** The source as a ban target: {@code address} alone, or its {@code network}. */
    static String of(String source, boolean network) {
        String address = source.strip();
        int slash = address.indexOf('/');
        boolean v6 = address.contains(":");
        if (!network) {
            return address;
        }
        return (slash < 0 ? address : address.substring(0, slash)) + (v6 ? "/48" : "/24");
    }
}
