package org.seedcast.tracker;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tracker cluster's settings, {@code seedcast.cluster.*} (environment: {@code SEEDCAST_CLUSTER_*}),
 * and the one place of their defaults. Apart from {@link TrackerProperties} because the operator
 * sets them per deployment, not per tracker tuning, and the contract names them so.
 *
 * @param members {@code host:port} of the Hazelcast members to join, this node's own among them (the
 *                same list on every node: each member binds the address of the list that is its
 *                own); empty runs the tracker standalone, without starting Hazelcast at all
 * @param port    this node's Hazelcast port (TCP), on which the other members reach it
 */
@ConfigurationProperties("seedcast.cluster")
public record ClusterProperties(List<String> members, @DefaultValue("5701") int port) {

    public ClusterProperties {
        members = members == null ? List.of() : members.stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("seedcast.cluster.port must be between 0 and 65535");
        }
    }
}
