package org.seedcast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.seedcast.support.BesideTheSuite;
import org.seedcast.support.FirstInItsLane;
import org.springframework.modulith.core.ApplicationModules;

@BesideTheSuite
@FirstInItsLane
class ModularityTests {

    /** The torrent engine's classes alone: what the rule below looks at (and a fraction of the application's). */
    private static final JavaClasses TORRENT_ENGINE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.seedcast.torrent");

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
                .check(TORRENT_ENGINE);
    }
}
