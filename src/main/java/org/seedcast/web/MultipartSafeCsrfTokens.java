package org.seedcast.web;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestHandler;
import org.springframework.security.web.csrf.XorCsrfTokenRequestAttributeHandler;

/**
 * Spring's masked CSRF tokens, except that a multipart request's token is read from the header or
 * the query string only: asking for a parameter of a multipart request makes Tomcat read and spool
 * the whole body, which must not happen before the token is checked. Our multipart forms carry the
 * token in their action URL.
 */
final class MultipartSafeCsrfTokens implements CsrfTokenRequestHandler {

    private final XorCsrfTokenRequestAttributeHandler delegate = new XorCsrfTokenRequestAttributeHandler();

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
        delegate.handle(request, response, token);
    }

    @Override
    public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
        return delegate.resolveCsrfTokenValue(multipart(request) ? new QueryOnly(request) : request, token);
    }

    private static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/");
    }

    /** Parameters from the query string alone. */
    private static final class QueryOnly extends HttpServletRequestWrapper {

        QueryOnly(HttpServletRequest request) {
            super(request);
        }

        @Override
        public String getParameter(String name) {
            String query = getQueryString();
            if (query == null) {
                return null;
            }
            try {
                for (String pair : query.split("&")) {
                    int equals = pair.indexOf('=');
                    String key = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
                    if (key.equals(name)) {
                        return equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
                    }
                }
            } catch (IllegalArgumentException malformed) { // a broken %-escape: no token, so the request is refused
                return null;
            }
            return null;
        }
    }
}
