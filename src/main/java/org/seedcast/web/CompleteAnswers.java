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
 */
final class CompleteAnswers extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getContentLengthLong() <= 0 && request.getHeader("Transfer-Encoding") == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        ContentCachingResponseWrapper held = new ContentCachingResponseWrapper(response);
        try {
            chain.doFilter(request, held);
        } finally {
            held.copyBodyToResponse();
        }
    }
}
