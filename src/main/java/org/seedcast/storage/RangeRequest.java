package org.seedcast.storage;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 §14), resolved against a file size.
 * Several ranges in one header are answered with the whole file, which the RFC allows.
 */
record RangeRequest(long start, long endInclusive) {

    /** The range asked for, {@code null} for the whole file, or {@link #UNSATISFIABLE}. */
    static RangeRequest parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring(6).trim();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            if (dash == 0) {
                long suffix = Long.parseLong(spec.substring(1));
                if (suffix <= 0) {
                    return UNSATISFIABLE;
                }
                return new RangeRequest(Math.max(0, size - suffix), size - 1);
            }
            long start = Long.parseLong(spec.substring(0, dash));
            long end = dash == spec.length() - 1 ? size - 1 : Long.parseLong(spec.substring(dash + 1));
            if (start >= size) {
                return UNSATISFIABLE;
            }
            if (end < start) {
                return null;
            }
            return new RangeRequest(start, Math.min(end, size - 1));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static final RangeRequest UNSATISFIABLE = new RangeRequest(-1, -1);

    long length() {
        return endInclusive - start + 1;
    }
}
