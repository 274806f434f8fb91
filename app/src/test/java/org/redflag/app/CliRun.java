package org.redflag.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the {@code redflag} command line in the test's JVM, as a user would type it, and keeps what it said. */
public final class CliRun {

    private CliRun() {
    }

    /** A finished command: its exit code, standard output and standard error. */
    public record Run(int code, String out, String err) {
    }

    public static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Redflag.run(args, new PrintWriter(out, true), new PrintWriter(err, true));
        return new Run(code, out.toString(), err.toString());
    }

    /** What a user sees on bad input is a message, never a stack trace or an internal error. */
    public static void noStackTrace(Run r) {
        assertThat(r.out() + r.err()).doesNotContain("Exception", "\tat ", "internal error");
    }
}
