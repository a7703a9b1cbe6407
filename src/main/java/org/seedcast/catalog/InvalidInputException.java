package org.seedcast.catalog;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** Input a user can correct; {@link #field()} names the form field, the message says what is wrong. */
public class InvalidInputException extends ErrorResponseException {

    private final String field;

    public InvalidInputException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, problem(field, message), null);
        this.field = field;
    }

    private static ProblemDetail problem(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        problem.setTitle("Invalid input");
        problem.setProperty("errors", Map.of(field, message));
        return problem;
    }

    public String field() {
        return field;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
