package org.seedcast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;

class ModularityTests {

    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.seedcast");

    @Test
    void modulesHaveNoCyclesAndUseOnlyEachOthersApis() {
        ApplicationModules.of(SeedcastApplication.class).verify();
    }

    @Test
    void torrentEngineIsPlainJava() {
        // a package-info carries only the module's metadata (Modulith's annotations), read by this test
        noClasses().that().resideInAPackage("org.seedcast.torrent..").and().doNotHaveSimpleName("package-info")
                .should().dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta..", "io.netty..")
                .because("the torrent engine is protocol code in plain Java")
                .check(CLASSES);
    }
}
