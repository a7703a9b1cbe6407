package org.seedcast.storage;

import java.util.List;

import org.springframework.http.HttpRange;

/**
 * One byte range of an HTTP {@code Range} header (RFC 9110 §14), parsed by Spring's {@link HttpRange}
 * and resolved against a file size. Several ranges in one header are answered with the whole file,
 * which the RFC allows, and so is a header that does not parse.
 */
record RangeRequest(long start, long endInclusive) {

    /** The range asked for, {@code null} for the whole file, or {@link #UNSATISFIABLE}. */
    static RangeRequest parse(String header, long size) {
        if (header == null || header.indexOf(',') >= 0) {
            return null;
        }
        try {
            List<HttpRange> ranges = HttpRange.parseRanges(header);
            if (ranges.size() != 1) {
                return null;
            }
            long start = ranges.getFirst().getRangeStart(size);
            return start >= size ? UNSATISFIABLE : new RangeRequest(start, ranges.getFirst().getRangeEnd(size));
        } catch (IllegalArgumentException e) { // not bytes=, no dash, not a number, or the end before the start
            return null;
        }
    }

    static final RangeRequest UNSATISFIABLE = new RangeRequest(-1, -1);

    long length() {
        return endInclusive - start + 1;
    }
}
