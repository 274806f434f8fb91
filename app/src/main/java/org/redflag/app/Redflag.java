package org.redflag.app;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;
import org.redflag.app.cli.ExitCode;
import org.redflag.app.cli.Version;
import org.redflag.source.FileProblems;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code redflag}: IP-infringement liability and enforcement for e-commerce platforms.
 *
 * <p>Exit codes, for every subcommand: 0 success; 1 findings or failure (an assessment that disagrees with the
 * case's expected outcome, an internal error); 2 bad input (a file, option or pack that cannot be used); 141 the
 * reader of the output went away ({@code | head}), as a shell reports for other tools.
 */
@Command(name = "redflag",
        mixinStandardHelpOptions = true,
        versionProvider = Version.class,
        description = {
            "IP-infringement liability and enforcement for cross-border e-commerce platforms.",
            "",
            "Assess whether a platform is liable on a set of facts, under the PRC E-Commerce Law and Civil Code (CN),"
                    + " the EU Digital Services Act (EU) or the US DMCA (US), with the reasoning and the provisions"
                    + " it rests on.",
        },
        footerHeading = "%nExit codes:%n",
        footer = {
            "  0  success",
            "  1  findings or failure (an assessment disagrees with its expected outcome)",
            "  2  bad input (a file, option or policy pack that cannot be used; for serve, a",
            "     port taken or a database that cannot be reached)",
            "  141  the reader of the output stopped reading (| head): stopped quietly",
            "",
            "Examples:",
            "  redflag assess                       the bundled example cases, as a table",
            "  redflag assess case.json             the full report for one case",
            "  redflag assess cases/ --format json  assessments as JSON",
            "  redflag assess case.json --policy EU the same facts under the EU pack",
            "  redflag policies show CN             the CN policy pack, readably",
            "  redflag demo                         the server with demo data",
            "  redflag evidence add --ledger DIR F  capture a file into a ledger",
            "  redflag verify BUNDLE.zip            check an evidence bundle offline",
            "  redflag restore B.zip --data DIR     restore a server's backup into DIR",
        })
public final class Redflag implements Runnable {

    /**
     * The subcommands by name, in the order --help lists them, as class names: a class is loaded only for the
     * command that runs (loading them all, and what their signatures name, is a tenth of a second of a cold start).
     */
    static final Map<String, String> SUBCOMMANDS = new LinkedHashMap<>();

    static {
        SUBCOMMANDS.put("assess", "org.redflag.app.liability.AssessCommand");
        SUBCOMMANDS.put("policies", "org.redflag.app.law.PoliciesCommand");
        SUBCOMMANDS.put("serve", "org.redflag.app.server.ServeCommand");
        SUBCOMMANDS.put("demo", "org.redflag.app.demo.DemoCommand");
        SUBCOMMANDS.put("evidence", "org.redflag.app.evidence.EvidenceCommand");
        SUBCOMMANDS.put("verify", "org.redflag.app.evidence.VerifyCommand");
        SUBCOMMANDS.put("screen", "org.redflag.app.screening.ScreenCommand");
        SUBCOMMANDS.put("generate", "org.redflag.app.screening.GenerateCommand");
        SUBCOMMANDS.put("evaluate", "org.redflag.app.screening.EvaluateCommand");
        SUBCOMMANDS.put("link", "org.redflag.app.identity.LinkCommand");
        SUBCOMMANDS.put("restore", "org.redflag.app.backup.RestoreCommand");
        SUBCOMMANDS.put("help", CommandLine.HelpCommand.class.getName());
    }

    /**
     * The command line for these arguments. When the first names a subcommand, only that one is built (picocli
     * reads every option of every subcommand it is given, about a tenth of a second of a cold start); otherwise all
     * of them are, for --help, help and the suggestions for a mistyped name.
     */
    static CommandLine commandLine(String[] args) {
        // picocli looks for Groovy's closures once, by name, unless told not to: on this class path, where Groovy
        // is not, the look-up opens every one of the hundred-odd jars first (about 0.05 s of every command's start)
        if (System.getProperty(NO_CLOSURES) == null) {
            System.setProperty(NO_CLOSURES, "true");
        }
        CommandLine cli = new CommandLine(new Redflag());
        String first = args.length > 0 ? args[0] : "";
        for (var c : SUBCOMMANDS.entrySet()) {
            if (first.equals("help") || !SUBCOMMANDS.containsKey(first) || c.getKey().equals(first)) {
                cli.addSubcommand(c.getKey(), subcommand(c.getValue()));
            }
        }
        return cli;
    }

    /** picocli's switch for Groovy closures in annotations, which Redflag does not use. */
    static final String NO_CLOSURES = "picocli.disable.closures";

    private static Class<?> subcommand(String className) {
        try {
            return Class.forName(className);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("a subcommand's class is missing from the build: " + className, e);
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams; returns the exit code. Used by tests. */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        preload(args);
        // logging is not set up here: it starts quiet whenever something first logs (QuietLogging)
        CommandLine cli = commandLine(args);
        cli.setOut(out);
        cli.setErr(err);
        cli.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("redflag: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr()); // "Did you mean: screen?"
            c.getErr().println("Try '" + c.getCommandSpec().qualifiedName() + " --help' for the options.");
            return ExitCode.BAD_INPUT;
        });
        cli.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (brokenPipe(ex)) {
                // the reader of our output has gone (| head): stop quietly, as Unix tools do
                return ExitCode.CLOSED_PIPE;
            }
            for (Throwable t = ex; t != null; t = t.getCause()) {
                if (t instanceof org.redflag.evidence.Ledger.InUse inUse) { // another process has it: wait or stop
                    c.getErr().println("redflag: " + inUse.getMessage());
                    c.getErr().flush();
                    return ExitCode.BAD_INPUT;
                }
            }
            String file = FileProblems.of(ex);
            if (file != null) { // a file the user named, missing, a directory, not allowed: theirs to fix
                c.getErr().println("redflag: " + file);
                c.getErr().flush();
                return ExitCode.BAD_INPUT;
            }
            if (outOfMemory(ex)) { // not a fault of the program or of the input: too little memory for this input
                long mb = Runtime.getRuntime().maxMemory() >> 20;
                c.getErr().println("redflag: out of memory (this Java may use " + mb + " MB); give it more, e.g."
                        + " REDFLAG_JAVA_OPTS=-Xmx" + Math.max(512, mb * 4) + "m, or smaller inputs (a dictionary,"
                        + " price list or seller file of fewer entries)");
                c.getErr().flush();
                return ExitCode.FINDINGS;
            }
            c.getErr().println("redflag: internal error: " + ex);
            if (System.getenv("REDFLAG_DEBUG") != null) {
                ex.printStackTrace(c.getErr());
            } else {
                c.getErr().println("(set REDFLAG_DEBUG=1 for the stack trace)");
            }
            return ExitCode.FINDINGS;
        });
        return cli.execute(args);
    }

    private static boolean outOfMemory(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            if (t instanceof OutOfMemoryError) {
                return true;
            }
        }
        return false;
    }

    private static boolean brokenPipe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof IOException && t.getMessage() != null && t.getMessage().contains("Broken pipe")) {
                return true;
            }
        }
        return false;
    }

    private static final java.util.concurrent.atomic.AtomicBoolean PRELOADING =
            new java.util.concurrent.atomic.AtomicBoolean();

    /**
     * For the commands that read the shipped policy pack and fold text ({@code screen}, {@code assess}), reads the
     * default pack and the folding table on a thread of its own while this one sets up the command line (a tenth of
     * a second or more of a cold start each, here on another core). Whatever the command then asks for is ready, or
     * being made (the pack's cache and class initialisation wait for it); nothing else changes. Once per process.
     */
    private static void preload(String[] args) {
        String command = args.length > 0 ? args[0] : "";
        if (!(command.equals("screen") || command.equals("assess")) || !PRELOADING.compareAndSet(false, true)) {
            return;
        }
        Thread t = new Thread(() -> {
            try {
                org.redflag.law.PolicyPacks.builtIn().find("CN");
                org.redflag.screening.TextFolding.get();
            } catch (RuntimeException e) {
                // the command reads them itself and says what is wrong
            }
        }, "preload");
        t.setDaemon(true);
        t.start();
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
