package org.seedcast.tracker.protocol;

/**
 * The parts of an HTTP/1.x request head a tracker needs, located in the raw bytes without copying:
 * the path, the query, whether the connection stays open, and {@code X-Forwarded-For}.
 */
public final class HttpHead {

    public enum Path { ANNOUNCE, SCRAPE, OTHER }

    public final Path path;
    public final boolean get;
    public final boolean keepAlive;
    public final int queryFrom;
    public final int queryTo;
    /** The last {@code X-Forwarded-For} value's range, or -1 when absent. */
    public final int forwardedFrom;
    public final int forwardedTo;

    private HttpHead(Path path, boolean get, boolean keepAlive, int queryFrom, int queryTo,
                     int forwardedFrom, int forwardedTo) {
        this.path = path;
        this.get = get;
        this.keepAlive = keepAlive;
        this.queryFrom = queryFrom;
        this.queryTo = queryTo;
        this.forwardedFrom = forwardedFrom;
        this.forwardedTo = forwardedTo;
    }

    /**
     * Parses {@code b[0, length)}, a head ending with an empty line.
     *
     * @throws BadRequest when the request line is not {@code METHOD SP target SP HTTP/1.x}
     */
    public static HttpHead parse(byte[] b, int length) {
        int lineEnd = HttpQuery.indexOf(b, (byte) '\r', 0, length);
        int sp1 = HttpQuery.indexOf(b, (byte) ' ', 0, lineEnd);
        int sp2 = HttpQuery.indexOf(b, (byte) ' ', sp1 + 1, lineEnd);
        if (sp1 >= lineEnd || sp2 >= lineEnd || lineEnd - sp2 != 9 || !startsWith(b, sp2 + 1, "HTTP/1.")) {
            throw new BadRequest("malformed request line");
        }
        boolean get = sp1 == 3 && startsWith(b, 0, "GET");
        int q = HttpQuery.indexOf(b, (byte) '?', sp1 + 1, sp2);
        Path path = path(b, sp1 + 1, q);
        boolean http11 = b[sp2 + 8] == '1';
        boolean keepAlive = http11;
        int fFrom = -1, fTo = -1;
        for (int line = lineEnd + 2; line < length; ) {
            int end = HttpQuery.indexOf(b, (byte) '\r', line, length);
            int colon = HttpQuery.indexOf(b, (byte) ':', line, end);
            if (colon < end) {
                int vFrom = skipSpaces(b, colon + 1, end);
                if (nameIs(b, line, colon, "connection")) {
                    if (valueIs(b, vFrom, end, "close")) {
                        keepAlive = false;
                    } else if (valueIs(b, vFrom, end, "keep-alive")) {
                        keepAlive = true;
                    }
                } else if (nameIs(b, line, colon, "x-forwarded-for")) {
                    fFrom = vFrom;
                    fTo = trimEnd(b, vFrom, end);
                }
            }
            line = end + 2;
        }
        return new HttpHead(path, get, keepAlive, Math.min(q + 1, sp2), sp2, fFrom, fTo);
    }

    private static Path path(byte[] b, int from, int to) {
        if (endsWith(b, from, to, "/announce")) {
            return Path.ANNOUNCE;
        }
        if (endsWith(b, from, to, "/scrape")) {
            return Path.SCRAPE;
        }
        return Path.OTHER;
    }

    private static boolean endsWith(byte[] b, int from, int to, String s) {
        // Only the exact path; a passkey prefix (/abc/announce) is not part of this tracker's contract.
        return to - from == s.length() && startsWith(b, from, s);
    }

    private static boolean startsWith(byte[] b, int from, String s) {
        if (from + s.length() > b.length) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (b[from + i] != s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean nameIs(byte[] b, int from, int to, String lowerName) {
        if (to - from != lowerName.length()) {
            return false;
        }
        for (int i = 0; i < lowerName.length(); i++) {
            if ((b[from + i] | 0x20) != lowerName.charAt(i) && b[from + i] != lowerName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static boolean valueIs(byte[] b, int from, int to, String lower) {
        return nameIs(b, from, trimEnd(b, from, to), lower);
    }

    private static int skipSpaces(byte[] b, int from, int to) {
        while (from < to && (b[from] == ' ' || b[from] == '\t')) {
            from++;
        }
        return from;
    }

    private static int trimEnd(byte[] b, int from, int to) {
        while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) {
            to--;
        }
        return to;
    }
}
