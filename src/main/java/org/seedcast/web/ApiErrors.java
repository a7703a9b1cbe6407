package org.seedcast.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.ConcurrencyFailureException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of a REST endpoint is an RFC 9457 problem detail a script can read; nothing leaks
 * a stack trace. Modules raise {@link org.springframework.web.ErrorResponseException}s with their
 * own status and detail; anything unexpected becomes a 500 with a reference to the log.
 */
@RestControllerAdvice(annotations = RestController.class)
class ApiErrors extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    @ExceptionHandler(AccessDeniedException.class)
    ProblemDetail accessDenied(AccessDeniedException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        problem.setTitle("Forbidden");
        return problem;
    }

    @ExceptionHandler(IllegalArgumentException.class)
    ProblemDetail badArgument(IllegalArgumentException e) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, e.getMessage());
        problem.setTitle("Bad request");
        return problem;
    }

    /**
     * Two writers changed the same row at once (optimistic lock), or a change clashed with a
     * constraint: nothing was changed and the caller can look again and retry.
     */
    @ExceptionHandler(ConcurrencyFailureException.class)
    ProblemDetail concurrentChange(ConcurrencyFailureException e) {
        log.info("Concurrent change refused: {}", e.getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "Someone changed this at the same moment; nothing was changed. Read it again and retry.");
        problem.setTitle("Conflict");
        return problem;
    }

    @ExceptionHandler(DataIntegrityViolationException.class)
    ProblemDetail constraintViolated(DataIntegrityViolationException e) {
        log.info("Change refused by a database constraint: {}", e.getMostSpecificCause().getMessage());
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT,
                "This change clashes with data saved meanwhile; nothing was changed. Read it again and retry.");
        problem.setTitle("Conflict");
        return problem;
    }

    /**
     * Unexpected, unless the database could not be reached or did not answer in time, by the same
     * test {@link DatabaseUnavailable} applies to pages and filters: then nothing was changed, the
     * same request will work once it is back, and the answer is 503 with {@code Retry-After} and no
     * stack trace (the cause is the database's, logged in one line).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<ProblemDetail> unexpected(Exception e) throws Exception {
        if (e instanceof AuthenticationException) {
            throw e;
        }
        Throwable unavailable = DatabaseUnavailable.causeOf(e);
        if (unavailable != null) {
            log.warn("Database unavailable in an API call: {}", unavailable.getMessage());
            ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, DatabaseUnavailable.DETAIL);
            problem.setTitle("Service unavailable");
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                    .header(HttpHeaders.RETRY_AFTER, DatabaseUnavailable.RETRY_AFTER_SECONDS).body(problem);
        }
        String reference = Long.toString(System.nanoTime(), 36);
        log.error("Unexpected error {} in an API call", reference, e);
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "Something went wrong on our side (reference " + reference + "); it was logged.");
        problem.setTitle("Internal error");
        return ResponseEntity.internalServerError().body(problem);
    }
}
