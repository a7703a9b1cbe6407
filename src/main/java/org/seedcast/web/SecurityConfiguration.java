package org.seedcast.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.seedcast.accounts.AccountStatusFilter;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.util.matcher.RequestMatcher;

/**
 * Who may open what. Pages use form login with CSRF on every form; scripts use HTTP Basic on
 * {@code /api/**} (a request that carries its own credentials is not open to CSRF). Fans need no
 * account for public pages, feeds, torrents and media.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final RequestMatcher API = request -> request.getRequestURI().startsWith(request.getContextPath() + "/api/");
    /**
     * CSRF protects requests a browser authenticates by its session cookie. An API request that
     * carries its own credentials, or has no session at all, cannot be forged that way.
     */
    private static final RequestMatcher NOT_FORGEABLE = request -> request.getHeader("Authorization") != null
            || (API.matches(request) && request.getRequestedSessionId() == null);

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    SecurityFilterChain securityFilterChain(HttpSecurity http, AccountStatusFilter accountStatus) throws Exception {
        http.authorizeHttpRequests(requests -> requests
                .requestMatchers("/account/**").authenticated()
                .requestMatchers("/admin/**", "/api/admin/**", "/api/users/**").hasRole("ADMIN")
                .requestMatchers("/studio/**").hasAnyRole("ADMIN", "PRODUCER")
                .requestMatchers(HttpMethod.GET, "/api/shows/**", "/api/episodes/**").permitAll()
                .requestMatchers("/api/**").authenticated()
                .requestMatchers("/actuator/health/**", "/actuator/prometheus", "/actuator/info").permitAll()
                .requestMatchers("/actuator/**").hasRole("ADMIN")
                .anyRequest().permitAll())
            .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/studio", false).permitAll())
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?signedOut"))
            .httpBasic(basic -> basic.authenticationEntryPoint(apiEntryPoint()))
            .csrf(csrf -> csrf.ignoringRequestMatchers(NOT_FORGEABLE))
            // signs out sessions of disabled accounts or changed passwords; holds back who must change theirs
            .addFilterBefore(accountStatus, AnonymousAuthenticationFilter.class)
            .exceptionHandling(errors -> errors
                .defaultAuthenticationEntryPointFor(apiEntryPoint(), API)
                .defaultAuthenticationEntryPointFor(new LoginUrlAuthenticationEntryPoint("/login"), request -> true)
                .defaultAccessDeniedHandlerFor(apiAccessDenied(), API))
            .headers(headers -> headers
                .contentSecurityPolicy(csp -> csp.policyDirectives(
                    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'"))
                .referrerPolicy(referrer -> referrer.policy(
                    org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy.SAME_ORIGIN)));
        return http.build();
    }

    private static AuthenticationEntryPoint apiEntryPoint() {
        return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"Seedcast\"");
            writeProblem(response, HttpStatus.UNAUTHORIZED, "Sign in with HTTP Basic or a session to use this endpoint.");
        };
    }

    private static AccessDeniedHandler apiAccessDenied() {
        return (request, response, e) -> writeProblem(response, HttpStatus.FORBIDDEN,
                "Your account may not do this.");
    }

    static void writeProblem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail + "\"}");
    }
}
