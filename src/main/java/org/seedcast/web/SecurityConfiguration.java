package org.seedcast.web;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Locale;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.seedcast.accounts.AccountStatusFilter;
import org.seedcast.storage.StorageProperties;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.servlet.autoconfigure.MultipartProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.AuthenticationEventPublisher;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.InternalAuthenticationServiceException;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.authentication.dao.DaoAuthenticationProvider;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.HeadersConfigurer;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.csrf.CookieCsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfFilter;
import org.springframework.security.web.header.writers.CrossOriginOpenerPolicyHeaderWriter.CrossOriginOpenerPolicy;
import org.springframework.security.web.header.writers.ReferrerPolicyHeaderWriter.ReferrerPolicy;
import org.springframework.security.web.header.writers.StaticHeadersWriter;
import org.springframework.security.web.savedrequest.CookieRequestCache;

/**
 * Who may open what, in filter chains tried in order.
 * <ul>
 * <li>The embeddable players and the health checks: public, and no credentials are even looked at.</li>
 * <li>{@code /api/**} and the rest of {@code /actuator/**}: HTTP Basic for scripts (and the session of a signed-in
 * browser), never creating a session. CSRF is checked after authorization, and skipped only for a
 * request that authenticated with its own Basic credentials, carries no session cookie and is not a
 * browser's cross-site request. Browsers never get a Basic challenge, so they never keep Basic
 * credentials to send on a forged request.</li>
 * <li>Everything else: form login, no Basic at all (a stray {@code Authorization} header on a
 * page or a stylesheet is ignored, so it costs no password check).</li>
 * </ul>
 * Both check passwords through one {@link ThrottledPasswordCheck}. CSRF tokens live in a cookie,
 * not a session, and pages render one only where there is something to post: anonymous visitors
 * get no session at all. A node without the web role ({@code SEEDCAST_ROLES}) has no servlet
 * container: every filter chain (and the multipart set-up) is {@code @ConditionalOnWebApplication},
 * or such a node fails to start ({@code SeparateRolesIntegrationTests} starts one); its password
 * encoder still serves the accounts module.
 */
@Configuration(proxyBeanMethods = false)
class SecurityConfiguration {

    private static final String CSP = "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; "
            + "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
    /** An embed's player is the one page other sites may frame; everything else stays unframeable. */
    private static final String EMBED_CSP = CSP.replace("frame-ancestors 'none'", "frame-ancestors *");
    private static final String PERMISSIONS = "camera=(), microphone=(), geolocation=(), payment=(), usb=(), "
            + "interest-cohort=()";

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    SignInThrottle signInThrottle(WebProperties properties, Clock clock, JdbcClient jdbc) {
        WebProperties.SignIn limits = properties.signIn();
        return new SignInThrottle(limits.maxFailuresPerUser(), limits.maxFailuresPerAddress(), limits.forgiveOneEvery(),
                clock, jdbc);
    }

    /** The only password check of both chains, so no parent manager can run a second, unthrottled one. */
    @Bean
    AuthenticationManager signIns(UserDetailsService users, PasswordEncoder encoder, SignInThrottle throttle,
                                  AuthenticationEventPublisher authenticationEvents, ApplicationEventPublisher events) {
        DaoAuthenticationProvider passwords = new DaoAuthenticationProvider(users);
        passwords.setPasswordEncoder(encoder);
        ProviderManager manager = new ProviderManager(new ThrottledPasswordCheck(passwords, throttle, events));
        manager.setAuthenticationEventPublisher(authenticationEvents);
        return manager;
    }

    @Bean
    CookieCsrfTokenRepository csrfTokens() {
        CookieCsrfTokenRepository tokens = new CookieCsrfTokenRepository();
        tokens.setCookieCustomizer(cookie -> cookie.httpOnly(true).sameSite("Lax").path("/"));
        return tokens;
    }

    /**
     * The embeddable players ({@code /embed/**}): public, read-only, framed by any site, and never a
     * session or a credential check.
     */
    @Bean
    @ConditionalOnWebApplication
    @Order(0)
    SecurityFilterChain embedSecurity(HttpSecurity http) throws Exception {
        return withoutCredentials(http, HttpMethod.GET, "/embed/**")
            .headers(headers -> headers(headers).frameOptions(frames -> frames.disable())
                .contentSecurityPolicy(csp -> csp.policyDirectives(EMBED_CSP)))
            .build();
    }

    /**
     * Health checks and the build's info: public, asked often by load balancers, and not held to the
     * per-address request limits ({@link RequestLimits}). So they take no credentials at all: a stray
     * or forged Basic header there costs no password check, no look at the sign-in throttle, and
     * cannot fail the check.
     */
    @Bean
    @ConditionalOnWebApplication
    @Order(1)
    SecurityFilterChain healthSecurity(HttpSecurity http) throws Exception {
        return withoutCredentials(http, null, "/actuator/health", "/actuator/health/**", "/actuator/info")
            .headers(SecurityConfiguration::headers)
            .build();
    }

    /** {@code paths} open to everyone with {@code method} (any, when null): no session, no credentials, no CSRF. */
    private static HttpSecurity withoutCredentials(HttpSecurity http, HttpMethod method, String... paths) throws Exception {
        return http.securityMatcher(paths)
            .authorizeHttpRequests(requests -> requests
                .requestMatchers(method, paths).permitAll()
                .anyRequest().denyAll())
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
            .requestCache(cache -> cache.disable())
            .securityContext(context -> context.disable())
            .csrf(csrf -> csrf.disable());
    }

    @Bean
    @ConditionalOnWebApplication
    @Order(2)
    SecurityFilterChain apiSecurity(HttpSecurity http, AuthenticationManager signIns, CookieCsrfTokenRepository csrfTokens,
                                    WebProperties properties, AccountStatusFilter accountStatus) throws Exception {
        CsrfFilter csrf = new CsrfFilter(csrfTokens);
        csrf.setRequireCsrfProtectionMatcher(SecurityConfiguration::forgeable);
        csrf.setRequestHandler(new MultipartSafeCsrfTokens());
        csrf.setAccessDeniedHandler((request, response, e) -> writeProblem(response, HttpStatus.FORBIDDEN,
                "A signed-in browser must send the CSRF token (header X-XSRF-TOKEN) with a change."));
        http.securityMatcher("/api/**", "/actuator/**")
            .authenticationManager(signIns)
            .authorizeHttpRequests(requests -> requests
                .requestMatchers("/api/admin/**", "/api/users/**").hasRole("ADMIN")
                .requestMatchers(HttpMethod.GET, "/api/shows/**", "/api/episodes/**").permitAll()
                .requestMatchers("/actuator/prometheus").access(new MetricsAccess(properties.metrics().allowed()))
                .requestMatchers("/actuator/**").hasRole("ADMIN")
                .anyRequest().authenticated())
            .httpBasic(basic -> basic.authenticationEntryPoint(SecurityConfiguration::apiEntryPoint))
            .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.NEVER))
            .requestCache(cache -> cache.disable())
            .csrf(builtIn -> builtIn.disable())
            .addFilterAfter(csrf, AuthorizationFilter.class)
            // signs out sessions of disabled accounts or changed passwords; holds back who must change theirs
            .addFilterBefore(accountStatus, AnonymousAuthenticationFilter.class)
            .exceptionHandling(errors -> errors
                .authenticationEntryPoint(SecurityConfiguration::apiEntryPoint)
                .accessDeniedHandler(apiAccessDenied()))
            .headers(SecurityConfiguration::headers);
        return http.build();
    }

    @Bean
    @ConditionalOnWebApplication
    @Order(3)
    SecurityFilterChain pageSecurity(HttpSecurity http, AuthenticationManager signIns, CookieCsrfTokenRepository csrfTokens,
                                     AccountStatusFilter accountStatus) throws Exception {
        http.authenticationManager(signIns)
            .authorizeHttpRequests(requests -> requests
                .requestMatchers("/account/**").authenticated()
                .requestMatchers("/admin/**").hasRole("ADMIN")
                .requestMatchers("/studio/**").hasAnyRole("ADMIN", "PRODUCER")
                .anyRequest().permitAll())
            .formLogin(form -> form.loginPage("/login").defaultSuccessUrl("/studio", false)
                .failureHandler(signInRefused()).permitAll())
            .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/?signedOut"))
            .csrf(csrf -> csrf.csrfTokenRepository(csrfTokens).csrfTokenRequestHandler(new MultipartSafeCsrfTokens()))
            .requestCache(cache -> cache.requestCache(new CookieRequestCache()))
            .exceptionHandling(errors -> errors.authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
            .addFilterBefore(accountStatus, AnonymousAuthenticationFilter.class)
            .headers(SecurityConfiguration::headers);
        return http.build();
    }

    /**
     * Right after the web seed's filter: before the multipart gate, the security chain and everything
     * else. Refills by the monotonic clock, which NTP steps do not move.
     */
    @Bean
    FilterRegistrationBean<RequestLimits> requestLimits(WebProperties properties) {
        FilterRegistrationBean<RequestLimits> registration =
                new FilterRegistrationBean<>(new RequestLimits(properties.webLimits(), () -> System.nanoTime() / 1_000_000));
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    @Bean
    FilterRegistrationBean<CompleteAnswers> completeAnswers() {
        FilterRegistrationBean<CompleteAnswers> registration = new FilterRegistrationBean<>(new CompleteAnswers());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /** Around the session lookup, which is the first to need the database. */
    @Bean
    FilterRegistrationBean<DatabaseUnavailable> databaseUnavailable() {
        FilterRegistrationBean<DatabaseUnavailable> registration = new FilterRegistrationBean<>(new DatabaseUnavailable());
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 3);
        return registration;
    }

    @Bean
    FilterRegistrationBean<MultipartGate> multipartGate(StorageProperties storage) {
        FilterRegistrationBean<MultipartGate> registration =
                new FilterRegistrationBean<>(new MultipartGate(storage.uploads().maxSize().toBytes()));
        registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
        return registration;
    }

    /**
     * Multipart parts in flight are spooled under the data directory (next to the media, where the
     * operator watches the space), not in the system's temporary directory; leftovers of a crash are
     * removed at start. The episode upload is the only large multipart body accepted: storage's
     * upload limit is the file's and the request's.
     */
    @Bean
    @ConditionalOnWebApplication
    MultipartConfigElement multipartConfigElement(MultipartProperties multipart, StorageProperties storage) throws IOException {
        var location = storage.inDataDir("multipart");
        Files.createDirectories(location);
        try (var leftovers = Files.list(location)) {
            for (var file : leftovers.toList()) {
                Files.deleteIfExists(file);
            }
        }
        long maxSize = storage.uploads().maxSize().toBytes();
        return new MultipartConfigElement(location.toString(), maxSize, maxSize,
                (int) multipart.getFileSizeThreshold().toBytes());
    }

    private static HeadersConfigurer<HttpSecurity> headers(HeadersConfigurer<HttpSecurity> headers) {
        return headers.contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
            .referrerPolicy(referrer -> referrer.policy(ReferrerPolicy.SAME_ORIGIN))
            .crossOriginOpenerPolicy(coop -> coop.policy(CrossOriginOpenerPolicy.SAME_ORIGIN))
            .addHeaderWriter(new StaticHeadersWriter("Permissions-Policy", PERMISSIONS));
    }

    /**
     * A request a browser could have been made to send: anything but a safe method, unless it
     * authenticated with its own Basic credentials, carries no session cookie, and is not marked
     * cross-site by the browser.
     */
    private static boolean forgeable(HttpServletRequest request) {
        String method = request.getMethod();
        if (method.equals("GET") || method.equals("HEAD") || method.equals("OPTIONS") || method.equals("TRACE")) {
            return false;
        }
        String authorization = request.getHeader("Authorization");
        boolean ownCredentials = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        String site = request.getHeader("Sec-Fetch-Site");
        boolean crossSite = site != null && !site.equals("same-origin") && !site.equals("none");
        return !ownCredentials || request.getRequestedSessionId() != null || crossSite;
    }

    /** Browsers announce themselves by fetch metadata, an Origin, or by asking for HTML. */
    private static boolean fromBrowser(HttpServletRequest request) {
        String accept = request.getHeader("Accept");
        return request.getHeader("Sec-Fetch-Mode") != null || request.getHeader("Sec-Fetch-Site") != null
                || request.getHeader("Origin") != null || request.getHeader("X-Requested-With") != null
                || (accept != null && accept.toLowerCase(Locale.ROOT).contains("text/html"));
    }

    private static void apiEntryPoint(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        if (e instanceof SignInThrottledException throttled) {
            response.setHeader("Retry-After", Long.toString(throttled.retryAfterSeconds()));
            writeProblem(response, HttpStatus.TOO_MANY_REQUESTS, throttled.getMessage());
            return;
        }
        if (e instanceof InternalAuthenticationServiceException) { // the accounts could not be read: not the caller's fault
            response.setHeader("Retry-After", "5");
            writeProblem(response, HttpStatus.SERVICE_UNAVAILABLE, "Accounts cannot be checked right now; retry in a few seconds.");
            return;
        }
        if (!fromBrowser(request)) { // a browser would keep the credentials and send them on forged requests
            response.setHeader("WWW-Authenticate", "Basic realm=\"Seedcast\"");
        }
        writeProblem(response, HttpStatus.UNAUTHORIZED, "Sign in with HTTP Basic or a session to use this endpoint.");
    }

    /** A refused form sign-in goes back to the form, without a session to carry the reason. */
    private static AuthenticationFailureHandler signInRefused() {
        return (request, response, e) -> response.sendRedirect(request.getContextPath()
                + (e instanceof SignInThrottledException throttled ? "/login?throttled=" + throttled.retryAfterSeconds()
                : e instanceof InternalAuthenticationServiceException ? "/login?unavailable" : "/login?error"));
    }

    private static AccessDeniedHandler apiAccessDenied() {
        return (request, response, e) -> writeProblem(response, HttpStatus.FORBIDDEN,
                "Your account may not do this.");
    }

    static void writeProblem(HttpServletResponse response, HttpStatus status, String detail) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding("UTF-8");
        response.getWriter().write("{\"type\":\"about:blank\",\"title\":\"" + status.getReasonPhrase()
                + "\",\"status\":" + status.value() + ",\"detail\":\"" + detail.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }
}
