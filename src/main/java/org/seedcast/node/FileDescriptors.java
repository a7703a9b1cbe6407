package org.seedcast.node;

import java.lang.management.ManagementFactory;

import com.sun.management.UnixOperatingSystemMXBean;

/**
 * The process's file descriptor limit, which the tracker's HTTP listener and the web port each take
 * a quarter of for their connections, leaving the rest to everything else the node opens.
 */
public final class FileDescriptors {

    private FileDescriptors() {
    }

    /** {@code ulimit -n} (the JVM raises the soft limit to the hard one); 4,096 where the JVM cannot tell. */
    public static long limit() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean unix
                ? unix.getMaxFileDescriptorCount() : 4096;
    }
}
