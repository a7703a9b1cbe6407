package org.seedcast.web;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.seedcast.node.ThreadPriorities;
import org.seedcast.web.connections.Closed;
import org.seedcast.web.connections.ConnectionRules;
import org.seedcast.web.connections.GuardedNioProtocol;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.tomcat.TomcatProtocolHandlerCustomizer;
import org.springframework.boot.tomcat.servlet.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The web port's connections follow {@link WebProperties.Connections} ({@link GuardedNioProtocol}), as
 * the tracker's and the seed's follow theirs. Its request workers give way to the tracker's event
 * loops ({@link ThreadPriorities}).
 */
@Configuration(proxyBeanMethods = false)
class WebPortConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WebPortConfiguration.class);

    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> webPortConnections(WebProperties properties,
                                                                                 Environment environment,
                                                                                 ObjectProvider<MeterRegistry> registry) {
        WebProperties.Connections web = properties.web();
        ConnectionRules rules = new ConnectionRules(web.maxConnections(), web.maxConnectionsPerAddress(),
                web.headTimeout(), web.proxies());
        web.heapWarning(Runtime.getRuntime().maxMemory()).ifPresent(log::warn);
        if (environment.containsProperty("server.tomcat.max-connections")) {
            log.warn("server.tomcat.max-connections is not used: seedcast.web.max-connections ({}) bounds the web port",
                    rules.maxConnections());
        }
        return factory -> {
            factory.setProtocol(GuardedNioProtocol.class.getName());
            factory.addProtocolHandlerCustomizers((TomcatProtocolHandlerCustomizer<GuardedNioProtocol>) protocol -> {
                protocol.guard(rules);
                protocol.setThreadPriority(ThreadPriorities.YIELDING);
                registry.ifAvailable(meters -> metrics(meters, protocol));
            });
        };
    }

    /** {@code seedcast_web_connections} and {@code seedcast_web_connections_closed_total{reason}}, as the seed has its own. */
    private static void metrics(MeterRegistry registry, GuardedNioProtocol protocol) {
        Gauge.builder("seedcast.web.connections", protocol, GuardedNioProtocol::openConnections)
                .description("Connections open on the web port").register(registry);
        for (Closed reason : Closed.values()) {
            FunctionCounter.builder("seedcast.web.connections.closed", protocol, p -> p.closedConnections(reason))
                    .tag("reason", reason.tag())
                    .description("Connections the web port closed itself: at accept over the per-address limit, shed at "
                            + "capacity, or past the request-head deadline").register(registry);
        }
    }
}
