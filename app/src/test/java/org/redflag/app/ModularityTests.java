package org.redflag.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * The server's packages are modules by capability (notices, listings, identity, evidence, ...): each depends on
 * others only through their public types, and no two depend on each other, directly or round a circle. The
 * module documentation (a diagram of who uses whom, and each module's page) is written to
 * {@code app/target/spring-modulith-docs}.
 */
class ModularityTests {

    static final ApplicationModules MODULES = ApplicationModules.of("org.redflag.app");

    @Test
    void modules_depend_on_each_other_only_through_their_public_types_and_without_cycles() {
        MODULES.verify();
    }

    @Test
    void every_capability_is_a_module_and_the_documentation_is_written() throws Exception {
        assertThat(MODULES.stream().map(m -> m.getIdentifier().toString())).contains("account", "audit", "notice",
                "listing", "identity", "evidence", "liability", "reasons", "screening", "web", "server");
        Path docs = Path.of("target", "spring-modulith-docs");
        new Documenter(MODULES, Documenter.Options.defaults().withOutputFolder(docs.toString()))
                .writeDocumentation();
        assertThat(docs.resolve("components.puml")).isNotEmptyFile();
        assertThat(Files.readString(docs.resolve("components.puml"))).contains("Rel(Modules.Modules.Notice, Modules.Modules.Listing, \"uses\"");
    }
}
