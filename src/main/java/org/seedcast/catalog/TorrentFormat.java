package org.seedcast.catalog;

/**
 * The kind of torrent a show's episodes get. v1 reaches every client; hybrid (v1+v2, BEP 52)
 * suits libtorrent-based clients and Transmission 4 but not Transmission 3 or aria2 1.36.
 */
public enum TorrentFormat {
    V1("v1"), HYBRID("hybrid");

    private final String code;

    TorrentFormat(String code) {
        this.code = code;
    }

    /** The form the API and the database use: {@code v1} or {@code hybrid}. */
    public String code() {
        return code;
    }

    public static TorrentFormat parse(String code) {
        if (code == null || code.isBlank()) {
            return V1;
        }
        for (TorrentFormat format : values()) {
            if (format.code.equalsIgnoreCase(code.trim())) {
                return format;
            }
        }
        throw new InvalidInputException("torrentFormat", "torrentFormat must be v1 or hybrid");
    }
}
