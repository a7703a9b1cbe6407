package org.seedcast;

import static org.assertj.core.api.Assertions.assertThat;

import com.jayway.jsonpath.JsonPath;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The configuration processor's description of Seedcast's settings: each {@code seedcast.*} key is
 * bound by exactly one record, so it has one default and one description (what IDEs show).
 */
class ConfigurationMetadataTests {

    private static final List<Map<String, Object>> SETTINGS = seedcastSettings();

    private static List<Map<String, Object>> seedcastSettings() {
        try {
            for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
                    .getResources("META-INF/spring-configuration-metadata.json"))) {
                try (InputStream in = url.openStream()) {
                    List<Map<String, Object>> found = JsonPath.read(new String(in.readAllBytes(), StandardCharsets.UTF_8),
                            "$.properties[?(@.name =~ /seedcast\\..*/)]");
                    if (!found.isEmpty()) {
                        return found;
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        throw new IllegalStateException("no configuration metadata with seedcast.* settings on the class path");
    }

    /** Every {@code seedcast.*} key, as the configuration processor names it. */
    static Set<String> seedcastSettingNames() {
        return SETTINGS.stream().map(s -> (String) s.get("name")).collect(Collectors.toSet());
    }

    private static Map<String, Object> setting(String name) {
        return SETTINGS.stream().filter(s -> name.equals(s.get("name"))).findFirst().orElseThrow();
    }

    @Test
    void everySettingIsBoundOnceAndDescribed() {
        Map<Object, List<Object>> sources = SETTINGS.stream().collect(Collectors.groupingBy(s -> s.get("name"),
                Collectors.mapping(s -> s.get("sourceType"), Collectors.toList())));
        assertThat(sources).as("settings bound by more than one record")
                .allSatisfy((name, types) -> assertThat(types).as(name.toString()).hasSize(1));
        assertThat(SETTINGS).as("settings without a description")
                .allSatisfy(s -> assertThat((String) s.get("description")).as(s.get("name").toString()).isNotBlank());
        assertThat(sources).hasSizeGreaterThan(70);
    }

    @Test
    void theSharedSettingsHaveTheirDocumentedDefaultsAndOneHome() {
        assertThat(setting("seedcast.data-dir")).containsEntry("defaultValue", "./data")
                .containsEntry("sourceType", "org.seedcast.storage.StorageProperties");
        assertThat(setting("seedcast.public-url")).containsEntry("defaultValue", "http://localhost:8080")
                .containsEntry("sourceType", "org.seedcast.catalog.CatalogProperties");
        assertThat(setting("seedcast.uploads.max-size")).containsEntry("defaultValue", "20GB");
        assertThat(setting("seedcast.tracker.port")).containsEntry("defaultValue", 6969)
                .containsEntry("sourceType", "org.seedcast.publishing.TrackerAddress");
        assertThat(setting("seedcast.seeder.port")).containsEntry("defaultValue", 6881);
        assertThat(setting("seedcast.tracker.interval")).containsEntry("defaultValue", "30m")
                .containsEntry("sourceType", "org.seedcast.tracker.TrackerProperties");
        assertThat(setting("seedcast.tracker.max-peers-per-swarm")).containsEntry("defaultValue", 100_000);
        assertThat(setting("seedcast.tracker.max-ports-per-address")).containsEntry("defaultValue", 8);
        assertThat(setting("seedcast.tracker.max-peers-total")).containsEntry("defaultValue", 1_000_000);
    }
}
