package org.seedcast.tracker.netty;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The application ships Netty's native transports for both Linux servers it runs on: without the
 * library for its CPU, a server falls back to NIO and only the start-up line says so. Netty loads
 * {@code META-INF/native/lib<library>_<arch>.so} from the classpath.
 */
class NativeTransportsTests {

    @ParameterizedTest(name = "{0} on {1}")
    @CsvSource({
        "netty_transport_native_epoll, x86_64", "netty_transport_native_epoll, aarch_64",
        "netty_transport_native_io_uring42, x86_64", "netty_transport_native_io_uring42, aarch_64"})
    void theClasspathCarriesTheNativeLibraryForEachLinuxArchitecture(String library, String arch) {
        String resource = "META-INF/native/lib" + library + "_" + arch + ".so";
        assertThat(getClass().getClassLoader().getResource(resource)).as(resource).isNotNull();
    }
}
