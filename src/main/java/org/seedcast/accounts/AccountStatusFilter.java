package org.seedcast.accounts;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Runs in Spring Security's chain, after authentication and before authorization, on every
 * request of a signed-in person. A session whose account was disabled, or whose password was
 * changed or reset since it signed in, is signed out there and then (the request goes on as
 * anonymous); a person who must change their password may open only the page that does it.
 * One primary-key read per signed-in request; anonymous requests and static assets cost nothing.
 */
public final class AccountStatusFilter extends OncePerRequestFilter {

    static final String CHANGE_PASSWORD_PAGE = "/account/password";
    private static final String CHANGE_PASSWORD_API = "/api/account/password";
    private static final Logger log = LoggerFactory.getLogger(AccountStatusFilter.class);

    private final Accounts accounts;
    private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

    AccountStatusFilter(Accounts accounts) {
        this.accounts = accounts;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = pathOf(request);
        return path.startsWith("/css/") || path.startsWith("/js/") || path.startsWith("/img/")
                || path.startsWith("/webjars/") || path.equals("/favicon.ico");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Authentication authentication = contexts.getContext().getAuthentication();
        if (authentication == null || !(authentication.getPrincipal() instanceof SeedcastUser signedIn)) {
            chain.doFilter(request, response);
            return;
        }
        Optional<SeedcastUser> current = accounts.current(signedIn.id());
        if (current.isEmpty() || !signedIn.stillValidFor(current.get())) {
            signOut(request, signedIn);
        } else if (current.get().mustChangePassword() && !changesPassword(request)) {
            refuseUntilPasswordChanged(request, response);
            return;
        }
        chain.doFilter(request, response);
    }

    private void signOut(HttpServletRequest request, SeedcastUser signedIn) {
        log.info("Signed out a session of {}: the account was disabled or its password changed since it signed in",
                signedIn.getUsername());
        HttpSession session = request.getSession(false);
        if (session != null) {
            session.invalidate();
        }
        contexts.clearContext();
    }

    private static boolean changesPassword(HttpServletRequest request) {
        String path = pathOf(request);
        return path.equals(CHANGE_PASSWORD_PAGE) || path.equals(CHANGE_PASSWORD_API) || path.equals("/login");
    }

    private static void refuseUntilPasswordChanged(HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (pathOf(request).startsWith("/api/")) {
            response.setStatus(HttpStatus.FORBIDDEN.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"Password change required\",\"status\":403,"
                    + "\"detail\":\"You must change your password before anything else: PUT " + CHANGE_PASSWORD_API
                    + " with currentPassword and newPassword, or open " + CHANGE_PASSWORD_PAGE + ".\"}");
        } else {
            response.sendRedirect(request.getContextPath() + CHANGE_PASSWORD_PAGE);
        }
    }

    private static String pathOf(HttpServletRequest request) {
        return request.getRequestURI().substring(request.getContextPath().length());
    }
}
