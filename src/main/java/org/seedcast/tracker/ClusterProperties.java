package org.seedcast.tracker;

import java.time.Duration;
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
 * @param joinWait how long a starting node looks for the other members before it forms the cluster
 *                alone, and how long the cluster gathers members that start together before it takes
 *                them in (whole seconds, at least one; Hazelcast's TCP/IP connection timeout and
 *                {@code hazelcast.wait.seconds.before.join}): a node's start waits about this long
 */
@ConfigurationProperties("seedcast.cluster")
public record ClusterProperties(List<String> members, @DefaultValue("5701") int port,
                                @DefaultValue("5s") Duration joinWait) {

    public ClusterProperties {
        members = members == null ? List.of() : members.stream().map(String::strip).filter(m -> !m.isEmpty()).toList();
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("seedcast.cluster.port must be between 0 and 65535");
        }
        if (joinWait.isNegative()) {
            throw new IllegalArgumentException("seedcast.cluster.join-wait must not be negative");
        }
    }
}
