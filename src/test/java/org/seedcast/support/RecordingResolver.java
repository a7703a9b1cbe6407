package org.seedcast.support;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.net.spi.InetAddressResolver;
import java.net.spi.InetAddressResolverProvider;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The test JVM's name resolver (registered in {@code META-INF/services}): the system's, except that
 * it remembers every name looked up, and that the hex-looking names tests use ({@code dead.beef},
 * {@code cafe} ...) resolve to 192.0.2.1 instead of failing, so that a parser which wrongly
 * resolves them is caught even on a machine without DNS.
 */
public final class RecordingResolver extends InetAddressResolverProvider {

    private static final Set<String> HEX_WORDS = Set.of("dead.beef", "cafe", "dead.beef.cafe.face", "face", "beef");
    private static final Set<String> LOOKED_UP = ConcurrentHashMap.newKeySet();

    /** Whether {@code name} was passed to the resolver since the JVM started. */
    public static boolean lookedUp(String name) {
        return LOOKED_UP.contains(name.toLowerCase());
    }

    @Override
    public InetAddressResolver get(Configuration configuration) {
        InetAddressResolver system = configuration.builtinResolver();
        return new InetAddressResolver() {
            @Override
            public Stream<InetAddress> lookupByName(String host, LookupPolicy policy) throws UnknownHostException {
                LOOKED_UP.add(host.toLowerCase());
                if (HEX_WORDS.contains(host.toLowerCase())) {
                    return Stream.of(InetAddress.getByAddress(host, new byte[] {(byte) 192, 0, 2, 1}));
                }
                return system.lookupByName(host, policy);
            }

            @Override
            public String lookupByAddress(byte[] addr) throws UnknownHostException {
                return system.lookupByAddress(addr);
            }
        };
    }

    @Override
    public String name() {
        return "seedcast-recording";
    }
}
