package org.seedcast;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/** docker-compose.yml and the Dockerfile as an operator gets them: no default secrets, no root, no open admin port. */
class DeploymentDefaultsTests {

    private static final Pattern SECRET = Pattern.compile("(?m)^\\s*(\\w*PASSWORD\\w*):\\s*(.*)$");

    @Test
    void composeRefusesToStartWithoutItsSecrets() throws Exception {
        String compose = Files.readString(Path.of("docker-compose.yml"));
        Matcher secret = SECRET.matcher(compose);
        int secrets = 0;
        while (secret.find()) {
            secrets++;
            assertThat(secret.group(2)).as(secret.group(1) + " must be required, never defaulted")
                    .matches("\\$\\{[A-Z_]+:\\?[^}]+}");
        }
        assertThat(secrets).as("the database and first admin passwords").isGreaterThanOrEqualTo(3);
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
