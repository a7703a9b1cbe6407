package org.seedcast.web;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.seedcast.node.ConditionalOnRole;
import org.seedcast.node.NodeProperties;
import org.seedcast.node.NodeRole;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.actuate.endpoint.HealthEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/** Health and metrics for a node without the web role ({@link ManagementServer}). */
@Configuration(proxyBeanMethods = false)
@ConditionalOnRole(value = NodeRole.WEB, missing = true)
class ManagementConfiguration {

    @Bean
    ManagementServer managementServer(NodeProperties node, WebProperties web, Environment environment,
                                      ObjectProvider<HealthEndpoint> health,
                                      ObjectProvider<PrometheusMeterRegistry> metrics) {
        int port = node.managementPort() != null ? node.managementPort()
                : environment.getProperty("server.port", Integer.class, 8080);
        return new ManagementServer(port, health::getIfAvailable, metrics::getIfAvailable, web.metrics().allowed());
    }
}
