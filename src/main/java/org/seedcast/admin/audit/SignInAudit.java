package org.seedcast.admin.audit;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AbstractAuthenticationFailureEvent;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Sign-ins at {@code /login}, and failed attempts of any kind (form or HTTP Basic), go into the
 * audit log: Spring Security handles them before {@link AuditRecorder} sees a request. Successful
 * HTTP Basic requests are not sign-ins (every script call would be one) and are left out. Every
 * successful sign-in is a row; refusals are folded per user name and address per minute by
 * {@link FailedSignIns}, so bad credentials sent in a loop cannot fill the table.
 */
@Component
class SignInAudit {

    private final AuditLog auditLog;
    private final FailedSignIns failed;

    SignInAudit(AuditLog auditLog, FailedSignIns failed) {
        this.auditLog = auditLog;
        this.failed = failed;
    }

    @EventListener
    void on(InteractiveAuthenticationSuccessEvent event) {
        Authentication who = event.getAuthentication();
        auditLog.record(who.getName(), "POST", "/login", "signed in", 302, address(who));
    }

    @EventListener
    void on(AbstractAuthenticationFailureEvent event) {
        Authentication who = event.getAuthentication();
        failed.refused(String.valueOf(who.getName()), address(who), event.getException().getClass().getSimpleName());
    }

    private static String address(Authentication authentication) {
        return authentication.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : "";
    }
}
