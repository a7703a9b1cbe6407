package org.seedcast.publishing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class WebSeedMirrorsTests {

    @Test
    void theContractsVariableListsMirrorsThatStandInForThePublicUrl() {
        WebSeedMirrors mirrors = fromEnvironment("https://cdn.example.com/, http://mirror.example.org/seedcast");

        assertThat(mirrors.of("/media/7/pilot.mp4")).containsExactly(URI.create("https://cdn.example.com/media/7/pilot.mp4"),
                URI.create("http://mirror.example.org/seedcast/media/7/pilot.mp4"));
    }

    @Test
    void noVariableMeansNoMirrors() {
        assertThat(new Binder(ConfigurationPropertySources.from(new SystemEnvironmentPropertySource("env", Map.of())))
                .bindOrCreate("seedcast.webseed", WebSeedMirrors.class).isEmpty()).isTrue();
    }

    @Test
    void aMirrorThatIsNoHttpBaseUrlIsRefusedAtStart() {
        assertThatThrownBy(() -> fromEnvironment("ftp://mirror.example.org/")).isInstanceOf(BindException.class)
                .rootCause().hasMessageContaining("ftp://mirror.example.org/");
        assertThatThrownBy(() -> fromEnvironment("https://cdn.example.com/?token=1")).isInstanceOf(BindException.class);
    }

    private static WebSeedMirrors fromEnvironment(String value) {
        var environment = new SystemEnvironmentPropertySource(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                Map.of("SEEDCAST_WEBSEED_MIRRORS", value));
        return new Binder(ConfigurationPropertySources.from(environment)).bindOrCreate("seedcast.webseed", WebSeedMirrors.class);
    }
}
