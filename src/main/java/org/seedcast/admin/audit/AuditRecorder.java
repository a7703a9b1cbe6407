package org.seedcast.admin.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Records every change a signed-in user makes under {@code /studio}, {@code /admin} and
 * {@code /api} once it has been answered: method, path, form fields (never passwords or
 * tokens), status, user and address. Watching requests rather than modules keeps the catalog,
 * accounts and tracker free of any dependency on the log. tus {@code PATCH}es (upload chunks)
 * are left out: the upload's creation and its episode are what matter.
 */
@Component
class AuditRecorder implements HandlerInterceptor, WebMvcConfigurer {

    private static final Logger log = LoggerFactory.getLogger(AuditRecorder.class);
    private static final Set<String> CHANGES = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final Set<String> SECRET = Set.of("password", "_csrf", "token", "secret");

    private final AuditLog auditLog;

    AuditRecorder(AuditLog auditLog) {
        this.auditLog = auditLog;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(this).addPathPatterns("/studio/**", "/admin/**", "/api/**", "/account/**");
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        String method = request.getMethod();
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (!CHANGES.contains(method) || (method.equals("PATCH") && path.startsWith("/api/uploads"))) {
            return;
        }
        Authentication who = SecurityContextHolder.getContext().getAuthentication();
        if (who == null || !who.isAuthenticated() || who instanceof AnonymousAuthenticationToken) {
            return;
        }
        int status = ex != null && response.getStatus() < 400 ? 500 : response.getStatus();
        try {
            auditLog.record(who.getName(), method, path, detail(request, status), status, request.getRemoteAddr());
        } catch (RuntimeException e) {
            log.error("Could not write the audit log entry for {} {} by {}", method, FailedSignIns.printable(path),
                    FailedSignIns.printable(who.getName()), e);
        }
    }

    /**
     * The form's fields; for a refused multipart request nothing, since asking for its fields would
     * make Tomcat read and spool the body that was refused unread.
     */
    private static String detail(HttpServletRequest request, int status) {
        String type = request.getContentType();
        if (status >= 400 && type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            return "(multipart body refused unread)";
        }
        return detail(request.getParameterMap());
    }

    /** {@code cidr=203.0.113.0/24, reason=flood}: the form's fields, secrets left out. */
    private static String detail(Map<String, String[]> parameters) {
        return parameters.entrySet().stream()
                .filter(e -> SECRET.stream().noneMatch(s -> e.getKey().toLowerCase(Locale.ROOT).contains(s)))
                .filter(e -> e.getValue().length > 0 && !String.join("", e.getValue()).isBlank())
                .map(e -> e.getKey() + "=" + String.join("|", e.getValue()))
                .collect(Collectors.joining(", "));
    }
}
