package org.seedcast.tracker;

import org.seedcast.tracker.engine.TrackerSettings;
import org.seedcast.tracker.netty.ListenerSettings;
import org.springframework.boot.context.properties.bind.Binder;

/**
 * The tracker's settings as the application binds them with nothing configured, for tests of the
 * plain-Java engine and listeners: their defaults have one home, {@link TrackerProperties}.
 */
public final class TrackerDefaults {

    private static final TrackerProperties PROPERTIES = new Binder().bindOrCreate("seedcast.tracker",
            TrackerProperties.class);

    private static final ClusterProperties CLUSTER = new Binder().bindOrCreate("seedcast.cluster", ClusterProperties.class);

    private TrackerDefaults() {
    }

    public static TrackerProperties properties() {
        return PROPERTIES;
    }

    public static TrackerSettings engine() {
        return PROPERTIES.engineSettings();
    }

    /** The cluster's settings with nothing configured (standalone). */
    public static ClusterProperties cluster() {
        return CLUSTER;
    }

    /** On port 0: a free one. */
    public static ListenerSettings listener() {
        return PROPERTIES.listenerSettings(0);
    }
}
