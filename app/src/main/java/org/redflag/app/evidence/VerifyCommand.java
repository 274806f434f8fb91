package org.redflag.app.evidence;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.redflag.app.cli.ExitCode;
import org.redflag.evidence.BundleVerifier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redflag verify}: checks an evidence bundle offline. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Verify an evidence bundle offline, with nothing but this jar: no database, no network.",
            "",
            "Recomputes the SHA-256 of every artifact and every inclusion proof up to the signed tree head, checks"
                    + " the Ed25519 signatures of the tree head and the manifest and the RFC 3161 time-stamp token,"
                    + " and prints what holds and exactly what does not (which file, which check). Compare the"
                    + " ledger key fingerprint it prints with the one the platform publishes.",
        },
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every check holds", "  1  some check fails", "  2  the file is not a bundle"})
public final class VerifyCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "BUNDLE.zip", description = "The bundle to verify.")
    Path bundle;

    @Override
    public Integer call() throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        BundleVerifier.Result r;
        try {
            r = BundleVerifier.verify(bundle);
        } catch (BundleVerifier.NotABundle e) {
            spec.commandLine().getErr().println("redflag: " + bundle + ": not an evidence bundle: " + e.getMessage());
            spec.commandLine().getErr().flush();
            return ExitCode.BAD_INPUT;
        }
        r.checks().forEach(out::println);
        long failed = r.checks().stream().filter(c -> !c.ok()).count();
        out.println();
        out.println(r.holds() ? "HOLDS: all " + r.checks().size() + " checks pass."
                : "DOES NOT HOLD: " + failed + " of " + r.checks().size() + " checks fail.");
        out.flush();
        return r.holds() ? ExitCode.OK : ExitCode.FINDINGS;
    }
}
