package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The folding table shipped as a resource is exactly what ICU's data give today, so a new ICU version or a changed
 * rule cannot leave a stale table behind. To rebuild it after such a change:
 * {@code ./mvnw -pl core test -Dtest=FoldingTableTests -Dredflag.writeFoldingTable=true}.
 */
class FoldingTableTests {

    @Test
    void the_shipped_table_is_what_icu_gives() throws Exception {
        TextFolding fromIcu = TextFolding.fromIcu();
        if (Boolean.getBoolean("redflag.writeFoldingTable")) {
            Path file = Path.of("src/main/resources" + TextFolding.RESOURCE);
            try (OutputStream out = Files.newOutputStream(file)) {
                fromIcu.write(out);
            }
        }
        try (InputStream in = TextFolding.class.getResourceAsStream(TextFolding.RESOURCE)) {
            assertThat(in).as("the shipped folding table " + TextFolding.RESOURCE).isNotNull();
            assertThat(TextFolding.read(in).sameAs(fromIcu)).as("the shipped folding table is stale; rebuild it"
                    + " with -Dredflag.writeFoldingTable=true").isTrue();
        }
        assertThat(TextFolding.get().sameAs(fromIcu)).isTrue();
    }

    @Test
    void a_table_reads_back_as_written() throws Exception {
        TextFolding folding = TextFolding.get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        folding.write(out);
        assertThat(TextFolding.read(new ByteArrayInputStream(out.toByteArray())).sameAs(folding)).isTrue();
        assertThat(out.size()).isGreaterThan(2 * 0x10000);
    }
}
