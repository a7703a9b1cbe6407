package org.seedcast.accounts;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.ErrorResponseException;

/** No account has this id: a 404 problem detail on the API, the not-found page on the admin pages. */
public class NoSuchAccountException extends ErrorResponseException {

    public NoSuchAccountException(long id) {
        super(HttpStatus.NOT_FOUND, ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, "There is no user " + id + "."), null);
    }

    @Override
    public String getMessage() {
        return getBody().getDetail();
    }
}
