package org.seedcast.web;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.health.actuate.endpoint.HealthDescriptor;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.context.SmartLifecycle;
import org.springframework.security.web.util.matcher.IpAddressMatcher;

/**
 * {@code /actuator/health} (with its {@code liveness} and {@code readiness} groups) and
 * {@code /actuator/prometheus} on a node without the web role, which has no servlet container to
 * serve the actuator. The JDK's own HTTP server does it: a probe and a scrape every few seconds
 * need no event loop, and the health checks block on the database, which an event loop must not;
 * a reactive management server would have brought a second web stack into the application for two
 * paths. Scrapes are allowed from {@code seedcast.metrics.allowed} only (there is no admin sign-in
 * on such a node); health answers anyone, with the status alone, as on a web node.
 */
final class ManagementServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(ManagementServer.class);
    static final String HEALTH = "/actuator/health";
    static final String PROMETHEUS = "/actuator/prometheus";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    private final int port;
    private final Supplier<HealthEndpoint> health;
    private final Supplier<PrometheusMeterRegistry> metrics;
    private final List<IpAddressMatcher> scrapers;
    private HttpServer server;
    private ExecutorService threads;

    ManagementServer(int port, Supplier<HealthEndpoint> health, Supplier<PrometheusMeterRegistry> metrics,
                     List<String> scrapers) {
        this.port = port;
        this.health = health;
        this.metrics = metrics;
        this.scrapers = MetricsAccess.networks(scrapers);
    }

    @Override
    public synchronized void start() {
        try {
            server = HttpServer.create(new InetSocketAddress(port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("the management port " + port + " could not be bound", e);
        }
        threads = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(threads);
        server.createContext(HEALTH, exchange -> answer(exchange, this::health));
        server.createContext(PROMETHEUS, exchange -> answer(exchange, this::prometheus));
        server.start();
        log.info("Health and metrics on port {} ({} and {}): this node has no web role", port(), HEALTH, PROMETHEUS);
    }

    /** The bound port (the configured one, or the one chosen for 0). */
    int port() {
        return server.getAddress().getPort();
    }

    private Answer health(HttpExchange exchange) {
        String path = exchange.getRequestURI().getPath();
        String[] group = path.equals(HEALTH) || path.equals(HEALTH + "/") ? new String[0]
                : path.substring(HEALTH.length() + 1).split("/");
        HealthEndpoint endpoint = health.get();
        HealthDescriptor descriptor = endpoint == null ? null
                : group.length == 0 ? endpoint.health() : endpoint.healthForPath(group);
        if (descriptor == null) {
            return Answer.NOT_FOUND;
        }
        String status = descriptor.getStatus().getCode();
        return new Answer(HttpCodeStatusMapper.DEFAULT.getStatusCode(descriptor.getStatus()), "application/json",
                "{\"status\":\"" + status + "\"}");
    }

    private Answer prometheus(HttpExchange exchange) {
        if (!exchange.getRequestURI().getPath().equals(PROMETHEUS)) {
            return Answer.NOT_FOUND;
        }
        String address = exchange.getRemoteAddress().getAddress().getHostAddress();
        if (scrapers.stream().noneMatch(network -> network.matches(address))) {
            return new Answer(403, "text/plain", "Scrapes are allowed from seedcast.metrics.allowed only.\n");
        }
        PrometheusMeterRegistry registry = metrics.get();
        return registry == null ? Answer.NOT_FOUND : new Answer(200, PROMETHEUS_TEXT, registry.scrape());
    }

    private static void answer(HttpExchange exchange, java.util.function.Function<HttpExchange, Answer> handler)
            throws IOException {
        try (exchange) {
            String method = exchange.getRequestMethod();
            Answer answer = "GET".equals(method) || "HEAD".equals(method) ? handler.apply(exchange)
                    : new Answer(405, "text/plain", "GET only\n");
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", answer.contentType());
            exchange.getResponseHeaders().set("Cache-Control", "no-store");
            boolean head = "HEAD".equals(method);
            exchange.sendResponseHeaders(answer.status(), head ? -1 : body.length);
            if (!head) {
                exchange.getResponseBody().write(body);
            }
        } catch (RuntimeException e) {
            log.warn("management request {} failed: {}", exchange.getRequestURI(), e.toString());
            exchange.sendResponseHeaders(500, -1);
        }
    }

    @Override
    public synchronized void stop() {
        if (server != null) {
            server.stop(0);
            threads.close();
            server = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return server != null;
    }

    private record Answer(int status, String contentType, String body) {

        static final Answer NOT_FOUND = new Answer(404, "text/plain", "Not found\n");
    }
}
