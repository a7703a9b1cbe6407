package org.seedcast.storage;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A file was not stored: not audio or video, too large, or cut short; or, for a resumable upload,
 * a request that could not be served now (locked, disk full), in which case the bytes received are kept.
 */
public class RejectedMediaException extends ErrorResponseException {

    public RejectedMediaException(HttpStatus status, String detail) {
        this(status, "Media rejected", detail);
    }

    /** @param title the problem's title, when "Media rejected" would mislead (the disk is full, the bytes are kept) */
    public RejectedMediaException(HttpStatus status, String title, String detail) {
        super(status, problem(status, title, detail), null);
    }

    private static ProblemDetail problem(HttpStatusCode status, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle(title);
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
