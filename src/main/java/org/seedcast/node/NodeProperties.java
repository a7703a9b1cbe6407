package org.seedcast.node;

import java.util.EnumSet;
import java.util.Set;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * What this node runs, {@code seedcast.*}.
 *
 * @param roles          {@code SEEDCAST_ROLES}: any of {@code web}, {@code tracker}, {@code seeder}
 *                       (all three: the whole application in one process)
 * @param managementPort {@code SEEDCAST_MANAGEMENT_PORT}: where a node without the web role answers
 *                       {@code /actuator/health} and {@code /actuator/prometheus}; unset: the web port
 *                       ({@code server.port}). A node with the web role serves them on the web port
 */
@ConfigurationProperties("seedcast")
public record NodeProperties(@DefaultValue({"web", "tracker", "seeder"}) Set<NodeRole> roles, Integer managementPort) {

    private static final String ROLES = "seedcast.roles";

    public NodeProperties {
        if (roles == null || roles.isEmpty()) {
            throw new IllegalArgumentException("seedcast.roles (SEEDCAST_ROLES) names none of web, tracker, seeder:"
                    + " a node must run at least one");
        }
        roles = Set.copyOf(roles);
        if (managementPort != null && (managementPort < 0 || managementPort > 65535)) {
            throw new IllegalArgumentException("seedcast.management-port must be a port number (0: any free one)");
        }
    }

    public boolean runs(NodeRole role) {
        return roles.contains(role);
    }

    /**
     * The roles as the environment sets them, for decisions taken before the properties are bound
     * (the web application type, conditions); the same default as the record's.
     */
    static Set<NodeRole> roles(Binder binder) {
        return binder.bind(ROLES, Bindable.setOf(NodeRole.class)).orElse(EnumSet.allOf(NodeRole.class));
    }
}
