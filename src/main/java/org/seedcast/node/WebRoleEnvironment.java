package org.seedcast.node;

import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * A node without the web role starts no servlet container: the application type is decided from
 * the environment before the context exists, so the role has to be read here, not from a bean.
 * (Tomcat, Spring MVC and the security filter chain all back off for a non-web application.)
 */
class WebRoleEnvironment implements EnvironmentPostProcessor {

    static final String SOURCE = "seedcastRoles";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (!NodeProperties.roles(Binder.get(environment)).contains(NodeRole.WEB)) {
            environment.getPropertySources().addFirst(
                    new MapPropertySource(SOURCE, Map.of("spring.main.web-application-type", "none")));
        }
    }
}
