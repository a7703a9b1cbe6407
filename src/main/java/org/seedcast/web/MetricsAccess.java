package org.seedcast.web;

import java.util.List;
import java.util.function.Supplier;

import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * Who may read {@code /actuator/prometheus}: a scraper from the configured networks (loopback by
 * default, where a Prometheus next to the app runs), or an admin's credentials from anywhere. The
 * metrics show heap, sessions and load, which is live feedback for anyone attacking them.
 */
final class MetricsAccess implements AuthorizationManager<RequestAuthorizationContext> {

    private final List<IpAddressMatcher> allowed;

    MetricsAccess(List<String> networks) {
        this.allowed = networks(networks);
    }

    /** Addresses or CIDRs as a setting lists them, blanks skipped. */
    static List<IpAddressMatcher> networks(List<String> settings) {
        return settings.stream().map(String::strip).filter(n -> !n.isEmpty()).map(IpAddressMatcher::new).toList();
    }

    @Override
    public AuthorizationResult authorize(Supplier<? extends Authentication> authentication, RequestAuthorizationContext context) {
        String address = context.getRequest().getRemoteAddr();
        if (allowed.stream().anyMatch(network -> network.matches(address))) {
            return new AuthorizationDecision(true);
        }
        Authentication who = authentication.get();
        return new AuthorizationDecision(who != null && who.isAuthenticated()
                && who.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority())));
    }
}
