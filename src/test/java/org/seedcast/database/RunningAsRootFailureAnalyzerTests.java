package org.seedcast.database;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.PropertiesLoaderUtils;

/** A start as root with the embedded database gets Spring Boot's short report, found through spring.factories. */
class RunningAsRootFailureAnalyzerTests {

    @Test
    void theRefusalBuriedInBeanCreationFailuresIsReportedWithWhatToDo() {
        BeanCreationException failure = new BeanCreationException("flyway", "wrapped",
                new BeanCreationException("embeddedPostgres", "wrapped", new RunningAsRoot()));
        FailureAnalysis analysis = new RunningAsRootFailureAnalyzer().analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("as root");
        assertThat(analysis.getAction()).contains("ordinary user").contains("SPRING_DATASOURCE_URL");
    }

    @Test
    void springBootFindsTheAnalyzer() throws Exception {
        Properties factories = PropertiesLoaderUtils.loadProperties(new ClassPathResource("META-INF/spring.factories"));

        assertThat(factories.getProperty(FailureAnalyzer.class.getName()))
                .contains(RunningAsRootFailureAnalyzer.class.getName());
    }
}
