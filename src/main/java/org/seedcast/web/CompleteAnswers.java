package org.seedcast.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.tomcat.util.http.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The answer to a request that came with a body is held until it is complete and then sent with
 * its length. Tomcat does not drain a body the application left unread
 * ({@code server.tomcat.max-swallow-size=0}): it closes the connection instead, so a client
 * trickling a refused body cannot hold a thread. An answer already on its way (a problem detail
 * flushed by its converter, a 507 to an upload that filled the disk) would be cut off by that
 * close; one sent whole with its length is not. These answers are small: redirects, problem
 * details, re-rendered forms; the large ones (media, feeds) answer requests without a body.
 * <p>
 * An answer given while the body is still unread (a refusal from its head) is sent through a
 * {@link LingeringClose}, so that closing the connection does not reset it before the client has
 * read the answer. That includes the refusals that would have the container render an error page
 * after this filter has returned ({@code sendError}: Spring Security's access-denied handler and
 * its firewall, Spring MVC's 404 and 405; Tomcat's refusal of a form larger than it parses): the
 * container closes the connection after its error page, so such a refusal is written here instead,
 * in the form {@link Refusals} gives every early refusal.
 */
final class CompleteAnswers extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Held held = new Held(response);
        boolean linger = false;
        try {
            chain.doFilter(request, held);
            linger = (held.errorStatus == 0 || HttpStatus.resolve(held.errorStatus) != null)
                    && LingeringClose.bodyLeftUnread(request);
        } catch (InvalidParameterException limit) {
            // a limit judged from the head (the form is larger than Tomcat parses), not a failed read
            if (limit.getCause() != null || !LingeringClose.bodyLeftUnread(request)) {
                throw limit;
            }
            held.errorStatus = limit.getErrorCode();
            linger = true;
        } finally {
            if (!linger) {
                held.sendToTheContainer();
            }
        }
        if (linger) {
            if (held.errorStatus != 0) {
                held.resetBuffer();
                HttpStatus status = HttpStatus.valueOf(held.errorStatus);
                Refusals.refuse(request, held, status, detail(status));
            }
            LingeringClose.start(request, held);
        }
    }

    /** What an early refusal says in place of the error page, which names no cause either ({@code include-message=never}). */
    private static String detail(HttpStatus status) {
        return switch (status.value()) {
            case 403 -> "Refused: sign in with an account that may do this, and send forms from this site's own pages.";
            case 404 -> "There is nothing at this address.";
            case 405 -> "This address does not take this method.";
            case 413 -> "The request is larger than this address takes.";
            default -> status.getReasonPhrase() + ".";
        };
    }

    /**
     * The held answer. A {@code sendError} is held too, until the filter knows whether the body was
     * read: only then may the container render its error page.
     */
    private static final class Held extends ContentCachingResponseWrapper {

        private int errorStatus;
        private String errorMessage;

        Held(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            sendError(status, null);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            errorStatus = status;
            errorMessage = message;
        }

        @Override
        public int getStatus() {
            return errorStatus != 0 ? errorStatus : super.getStatus();
        }

        /** The answer goes on as the application gave it: whole with its length, or as an error page. */
        void sendToTheContainer() throws IOException {
            if (errorStatus == 0) {
                copyBodyToResponse();
            } else if (errorMessage == null) {
                super.sendError(errorStatus);
            } else {
                super.sendError(errorStatus, errorMessage);
            }
        }
    }
}
