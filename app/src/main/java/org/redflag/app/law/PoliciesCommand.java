package org.redflag.app.law;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.redflag.app.cli.ExitCode;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.redflag.source.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redflag policies}: the policy packs, listed or shown in full. */
@Command(name = "policies",
        description = {
            "List the policy packs, or show one readably.",
            "",
            "A policy pack holds every legal parameter of a jurisdiction (deadlines, thresholds, which red flag counts"
                    + " at which duty of care, the strike ladder), each with the provisions it rests on. Redflag ships"
                    + " CN, EU and US; a custom pack is a YAML file of the same shape, used with --policy FILE.",
        },
        subcommands = {PoliciesCommand.Show.class},
        mixinStandardHelpOptions = true)
public final class PoliciesCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        out.printf("%-4s %-8s %-18s %-10s %s%n", "ID", "VERSION", "TIME ZONE", "DEADLINE", "NAME");
        for (PolicyPack p : PolicyPacks.builtIn().all()) {
            out.printf("%-4s %-8s %-18s %-10s %s%n", p.id(), p.version(), p.timeZone(),
                    p.notice().responseDeadline().words(), p.name());
        }
        out.println();
        out.println("Show one with 'redflag policies show ID' or 'redflag policies show FILE'.");
        out.flush();
        return ExitCode.OK;
    }

    /** A pack as readable text, for the CLI and the web UI. */
    public static String render(PolicyPack pack) {
        return PackPrinter.render(pack);
    }

    @Command(name = "show", mixinStandardHelpOptions = true,
            description = "Print a policy pack readably: a shipped id (CN, EU, US) or a pack file, which is checked"
                    + " first (a malformed pack is refused with its file, line and field, exit code 2).")
    static final class Show implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID|FILE", description = "CN, EU, US, or a path to a pack file (YAML).")
        String pack;

        @Override
        public Integer call() {
            try {
                PolicyPack p = PolicyPacks.builtIn().resolve(pack);
                spec.commandLine().getOut().print(PackPrinter.render(p));
                spec.commandLine().getOut().flush();
                return ExitCode.OK;
            } catch (InvalidInputException e) {
                e.problems().forEach(problem -> spec.commandLine().getErr().println("redflag: " + problem));
                spec.commandLine().getErr().flush();
                return ExitCode.BAD_INPUT;
            }
        }
    }
}
