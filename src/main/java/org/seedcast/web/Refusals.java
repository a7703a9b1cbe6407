package org.seedcast.web;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * What the filters in front of Spring MVC (the request limits, the multipart gate, the error path)
 * share: the path they judge, and a refusal in the form its caller reads, a problem detail for the
 * API and one plain line for a browser.
 */
final class Refusals {

    private Refusals() {
    }

    /** The request's path within the application, undecoded. */
    static String path(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    static void refuse(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        if (path(request).startsWith("/api/")) {
            SecurityConfiguration.writeProblem(response, status, detail);
            return;
        }
        response.setStatus(status.value());
        response.setContentType(MediaType.TEXT_PLAIN_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(detail + "\n");
    }
}
