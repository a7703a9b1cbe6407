package org.seedcast.catalog;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/**
 * A change that clashes with what is already there (the same torrent held by another episode, a
 * media file that is gone); the message says what and how to get out of it. A 409 problem detail
 * in the API, a flash message in the studio.
 */
public class ConflictException extends ErrorResponseException {

    public ConflictException(String detail) {
        this(detail, Map.of());
    }

    /** @param properties extra members of the problem detail, for scripts */
    public ConflictException(String detail, Map<String, Object> properties) {
        super(HttpStatus.CONFLICT, problem(detail, properties), null);
    }

    private static ProblemDetail problem(String detail, Map<String, Object> properties) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, detail);
        problem.setTitle("Conflict");
        properties.forEach(problem::setProperty);
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
