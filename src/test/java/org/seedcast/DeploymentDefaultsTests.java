package org.seedcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml, docker-compose.cluster.yml and the Dockerfile as an operator gets them: no
 * default secrets, no root, no open admin port, and only settings Seedcast binds.
 */
class DeploymentDefaultsTests {

    private static final Pattern SECRET = Pattern.compile("(?m)^\\s*(\\w*(?:PASSWORD|SECRET|CREDENTIAL)\\w*):\\s*(.*)$");
    private static final String CLUSTER = "docker-compose.cluster.yml";

    @ParameterizedTest
    @ValueSource(strings = {"docker-compose.yml", CLUSTER})
    void composeRefusesToStartWithoutItsSecrets(String file) throws Exception {
        String compose = Files.readString(Path.of(file));
        Matcher secret = SECRET.matcher(compose);
        int secrets = 0;
        while (secret.find()) {
            secrets++;
            assertThat(secret.group(2)).as(secret.group(1) + " must be required, never defaulted")
                    .matches("\\$\\{[A-Z0-9_]+:\\?[^}]+}");
        }
        assertThat(secrets).as("the database and first admin passwords").isGreaterThanOrEqualTo(3);
    }

    @Test
    @SuppressWarnings("unchecked")
    void theClusterComposeSetsOnlySettingsThatSeedcastBinds() throws Exception {
        Map<String, Object> compose = new Yaml().load(Files.readString(Path.of(CLUSTER)));
        Set<String> names = ConfigurationMetadataTests.seedcastSettingNames().stream()
                .map(name -> name.toUpperCase(Locale.ROOT).replaceAll("[.-]", "_")).collect(Collectors.toSet());
        Map<String, Map<String, Object>> services = (Map<String, Map<String, Object>>) compose.get("services");
        Set<String> set = services.values().stream().map(s -> (Map<String, Object>) s.get("environment"))
                .filter(Objects::nonNull).flatMap(env -> env.keySet().stream())
                .filter(name -> name.startsWith("SEEDCAST_")).collect(Collectors.toCollection(TreeSet::new));

        assertThat(set).as("the roles, the cluster, the bucket").contains("SEEDCAST_ROLES", "SEEDCAST_CLUSTER_MEMBERS",
                "SEEDCAST_MANAGEMENT_PORT", "SEEDCAST_S3_SECRET_KEY");
        assertThat(set).allSatisfy(name -> assertThat(names).as(name + " is a seedcast.* setting").contains(name));
    }

    @Test
    void composePublishesTheWebPortOnLoopbackByDefault() throws Exception {
        List<String> mappings = Files.readAllLines(Path.of("docker-compose.yml")).stream()
                .map(String::strip).filter(line -> line.matches("- \"?.*8080:8080\"?")).toList();

        assertThat(mappings).singleElement().asString().contains(":-127.0.0.1}:8080:8080");
    }

    @Test
    void theImageRunsAsAnOrdinaryUser() throws Exception {
        List<String> lines = Files.readAllLines(Path.of("Dockerfile"));
        int lastStage = 0;
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith("FROM ")) {
                lastStage = i;
            }
        }
        List<String> users = lines.subList(lastStage, lines.size()).stream().filter(line -> line.startsWith("USER ")).toList();

        assertThat(users).isNotEmpty();
        assertThat(users.getLast()).isNotIn("USER root", "USER 0");
    }
}
