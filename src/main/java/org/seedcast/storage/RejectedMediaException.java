package org.seedcast.storage;

import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** A file was not stored: not audio or video, too large, or cut short. Nothing of it is kept. */
public class RejectedMediaException extends ErrorResponseException {

    public RejectedMediaException(HttpStatus status, String detail) {
        super(status, problem(status, detail), null);
    }

    private static ProblemDetail problem(HttpStatusCode status, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setTitle("Media rejected");
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
