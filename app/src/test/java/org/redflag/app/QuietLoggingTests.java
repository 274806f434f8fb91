package org.redflag.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.Configurator;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Logging, when something first logs outside the server: warnings and errors, on standard error. */
class QuietLoggingTests {

    @Test
    void logback_finds_it() {
        assertThat(ServiceLoader.load(Configurator.class).stream().map(p -> (Object) p.type()).toList())
                .contains(QuietLogging.class);
    }

    @Test
    void warnings_go_to_standard_error_and_information_nowhere() {
        PrintStream err = System.err;
        PrintStream out = System.out;
        ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        LoggerContext context = new LoggerContext();
        context.setMDCAdapter(new ch.qos.logback.classic.util.LogbackMDCAdapter()); // as logback's provider does
        try {
            System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
            System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
            QuietLogging quiet = new QuietLogging();
            quiet.setContext(context);
            assertThat(quiet.configure(context)).isEqualTo(Configurator.ExecutionStatus.DO_NOT_INVOKE_NEXT_IF_ANY);
            assertThat(context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).getLevel()).isEqualTo(Level.WARN);
            assertThat(context.getLogger("org.apache.pdfbox.pdmodel.font").getEffectiveLevel())
                    .isEqualTo(Level.ERROR);
            context.getLogger("some.library").info("an information");
            context.getLogger("some.library").warn("a warning");
            context.getLogger("org.apache.pdfbox.pdmodel.font").warn("an odd font");
            context.getLogger("org.apache.pdfbox.pdmodel.font").error("a broken font");
        } finally {
            System.setErr(err);
            System.setOut(out);
            context.stop();
        }
        String logged = errBytes.toString(StandardCharsets.UTF_8);
        assertThat(logged).contains("WARN  some.library - a warning", "ERROR org.apache.pdfbox.pdmodel.font - a broken"
                + " font").doesNotContain("an information", "an odd font");
        assertThat(outBytes.toString(StandardCharsets.UTF_8)).isEmpty();
    }
}
