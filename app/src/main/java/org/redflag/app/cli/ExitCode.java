package org.redflag.app.cli;

/**
 * The exit codes of every {@code redflag} command: 0 success; 1 findings or failure (an assessment that disagrees
 * with the case's expected outcome, not enough memory, an internal error); 2 bad input (a file, option or pack
 * that cannot be used); 141 the reader of the output went away ({@code | head}), as a shell reports for other
 * tools.
 */
public final class ExitCode {

    public static final int OK = 0;
    public static final int FINDINGS = 1;
    public static final int BAD_INPUT = 2;
    /** The output pipe closed under the command: 128 + SIGPIPE, what a shell reports for other tools. */
    public static final int CLOSED_PIPE = 141;

    private ExitCode() {
    }
}
