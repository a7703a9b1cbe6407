package org.seedcast.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
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
 * read the answer. Not after {@code sendError}: the container renders that error page after this
 * filter has returned, and closes the connection as before.
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
            linger = !held.errorSent && LingeringClose.bodyLeftUnread(request);
        } finally {
            if (!linger) {
                held.copyBodyToResponse();
            }
        }
        if (linger) {
            LingeringClose.start(request, held);
        }
    }

    /** The held answer, knowing whether the container is to render an error page for it. */
    private static final class Held extends ContentCachingResponseWrapper {

        private boolean errorSent;

        Held(HttpServletResponse response) {
            super(response);
        }

        @Override
        public void sendError(int status) throws IOException {
            errorSent = true;
            super.sendError(status);
        }

        @Override
        public void sendError(int status, String message) throws IOException {
            errorSent = true;
            super.sendError(status, message);
        }
    }
}
