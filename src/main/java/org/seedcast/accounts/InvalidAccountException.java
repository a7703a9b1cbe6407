package org.seedcast.accounts;

import java.util.Map;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** An account could not be created as asked; {@link #field()} names the form field at fault. */
public class InvalidAccountException extends ErrorResponseException {

    private final String field;

    public InvalidAccountException(String field, String message) {
        super(HttpStatus.BAD_REQUEST, problem(field, message), null);
        this.field = field;
    }

    private static ProblemDetail problem(String field, String message) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, message);
        problem.setTitle("Invalid account");
        problem.setProperty("errors", Map.of(field, message));
        return problem;
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }

    public String field() {
        return field;
    }
}
