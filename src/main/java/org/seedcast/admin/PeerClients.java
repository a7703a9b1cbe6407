package org.seedcast.admin;

import java.util.Map;

/**
 * Names BitTorrent clients by the prefix of their peer ids. Azureus-style ids start with
 * {@code -XXnnnn-} (two letters naming the client, four version characters), as listed in
 * <a href="https://www.bittorrent.org/beps/bep_0020.html">BEP 20</a> and the
 * <a href="https://wiki.theory.org/BitTorrentSpecification#peer_id">peer id conventions</a>;
 * aria2 writes {@code A2-1-37-0-}, Mainline-style ids a single letter and dashed digits.
 */
final class PeerClients {

    private static final Map<String, String> AZUREUS_STYLE = Map.ofEntries(
            Map.entry("qB", "qBittorrent"), Map.entry("UT", "µTorrent"), Map.entry("ut", "µTorrent"),
            Map.entry("UM", "µTorrent Mac"), Map.entry("UW", "µTorrent Web"), Map.entry("TR", "Transmission"),
            Map.entry("lt", "libtorrent (rTorrent)"), Map.entry("LT", "libtorrent (Rasterbar)"),
            Map.entry("DE", "Deluge"), Map.entry("AZ", "Vuze"), Map.entry("BI", "BiglyBT"),
            Map.entry("BT", "BitTorrent"), Map.entry("BC", "BitComet"), Map.entry("KT", "KTorrent"),
            Map.entry("FD", "Free Download Manager"), Map.entry("FX", "Flud"), Map.entry("LW", "LimeWire"),
            Map.entry("PI", "PicoTorrent"), Map.entry("TX", "Tixati"), Map.entry("XL", "Xunlei"),
            Map.entry("SD", "Xunlei"), Map.entry("WW", "WebTorrent"), Map.entry("WD", "WebTorrent Desktop"),
            Map.entry("BW", "BitWombat"), Map.entry("FL", "Folx"), Map.entry("MG", "MediaGet"),
            Map.entry("TL", "Tribler"), Map.entry("HL", "Halite"), Map.entry("PD", "Pando"));

    private static final Map<Character, String> SHAD0W_STYLE = Map.of(
            'M', "BitTorrent (Mainline)", 'A', "ABC", 'O', "Osprey", 'Q', "BTQueue", 'R', "Tribler",
            'S', "Shadow", 'T', "BitTornado", 'U', "UPnP NAT BitTorrent");

    private PeerClients() {
    }

    /**
     * The client's name and version, e.g. {@code qBittorrent 4.5.0} for {@code -qB4500-}, or the
     * prefix itself when it names no client we know.
     */
    static String name(String prefix) {
        if (prefix == null || prefix.isEmpty()) {
            return "unknown";
        }
        if (prefix.startsWith("A2-")) {
            return "aria2 " + prefix.substring(3).replaceAll("-+$", "").replace('-', '.');
        }
        if (prefix.length() >= 7 && prefix.charAt(0) == '-') {
            String client = AZUREUS_STYLE.get(prefix.substring(1, 3));
            if (client != null) {
                return client + " " + version(prefix.substring(3, 7));
            }
        }
        if (prefix.length() >= 2 && SHAD0W_STYLE.containsKey(prefix.charAt(0)) && Character.isDigit(prefix.charAt(1))) {
            return SHAD0W_STYLE.get(prefix.charAt(0)) + " " + prefix.substring(1).replaceAll("-+$", "").replace('-', '.');
        }
        return prefix;
    }

    /** {@code 4500} → {@code 4.5.0}: the common digit-per-part scheme (the fourth digit is a build when non-zero). */
    private static String version(String digits) {
        StringBuilder v = new StringBuilder();
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (i == 3 && c == '0') {
                break;
            }
            if (!v.isEmpty()) {
                v.append('.');
            }
            v.append(Character.isLetter(c) ? String.valueOf(Character.toUpperCase(c) - 'A' + 10) : String.valueOf(c));
        }
        return v.toString();
    }
}
