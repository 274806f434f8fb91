package org.redflag.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The core is plain Java: no Spring, nothing of the app, and it reads no clock of its own. */
class ArchitectureTests {

    static final JavaClasses CORE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.redflag");

    @Test
    void core_depends_on_no_spring_class() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.springframework..")
                .because("the same rules run in the CLI, the server and a distributed job").check(CORE);
    }

    @Test
    void core_depends_on_nothing_in_app() {
        noClasses().should().dependOnClassesThat().resideInAnyPackage("org.redflag.app..")
                .because("dependencies point inwards").check(CORE);
    }

    @Test
    void core_reads_no_clock_of_its_own() {
        noClasses().should().callMethod(java.time.Instant.class, "now")
                .orShould().callMethod(System.class, "currentTimeMillis")
                .orShould().callMethod(java.time.LocalDate.class, "now")
                .because("time is injected, so deadlines are testable and replayable").check(CORE);
    }
}
