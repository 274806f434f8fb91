package org.redflag.app.screening;

import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.redflag.app.cli.ExitCode;
import org.redflag.synthetic.Marketplace;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redflag generate}: a synthetic marketplace with ground truth. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Generate a synthetic marketplace with ground-truth labels: listings.jsonl, labels.jsonl,"
                + " genuine-prices.csv, banned-sellers.jsonl, foreign-orders.csv. The same seed gives the same files.",
            "", "Then: redflag screen DIR/listings.jsonl --genuine-prices DIR/genuine-prices.csv --banned-sellers"
                + " DIR/banned-sellers.jsonl --foreign-orders DIR/foreign-orders.csv --out results.jsonl;"
                + " redflag evaluate --labels DIR/labels.jsonl results.jsonl"})
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--listings", defaultValue = "0", paramLabel = "N", description = "How many listings.")
    long listings;

    @Option(names = "--sellers", defaultValue = "0", paramLabel = "N", description = "How many sellers (with"
            + " re-registrations of banned ones, namesakes and a payment hub): sellers.jsonl and seller-labels.jsonl.")
    long sellers;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Random seed (default ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--out", defaultValue = "generated", paramLabel = "DIR",
            description = "Directory to write to (default ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--dictionary-entries", paramLabel = "N", defaultValue = "0",
            description = "Also write dictionary-extra.tsv with N synthetic entries (for benchmarks at large"
                    + " dictionaries; use it with screen --dictionary) and dictionary-terms.txt, every term on a line.")
    int dictionaryEntries;

    @Override
    public Integer call() throws IOException {
        if (dictionaryEntries < 0 || dictionaryEntries > 1_000_000) {
            spec.commandLine().getErr().println("redflag: --dictionary-entries: expected 0 to 1,000,000; found "
                    + dictionaryEntries);
            return ExitCode.BAD_INPUT;
        }
        if (listings < 0 || listings > 100_000_000 || sellers < 0 || sellers > 100_000_000
                || listings + sellers == 0) {
            spec.commandLine().getErr().println("redflag: --listings and --sellers: give one or both, 1 to"
                    + " 100,000,000; found " + listings + " and " + sellers);
            return ExitCode.BAD_INPUT;
        }
        java.nio.file.Files.createDirectories(out);
        if (sellers > 0) {
            new org.redflag.synthetic.Sellers(seed).write(out.resolve("sellers.jsonl"),
                    out.resolve("seller-labels.jsonl"), sellers);
            spec.commandLine().getOut().printf("generated %,d sellers with seed %d in %s%n", sellers, seed, out);
        }
        if (listings == 0) {
            spec.commandLine().getOut().flush();
            return ExitCode.OK;
        }
        var err = spec.commandLine().getErr();
        boolean tty = System.console() != null;
        new Marketplace(seed, listings).write(Marketplace.Files.in(out), listings, n -> {
            if (tty) {
                err.printf("\rgenerated %,d of %,d", n, listings);
                err.flush();
            }
        });
        if (tty) {
            err.print("\r");
        }
        if (dictionaryEntries > 0) {
            Marketplace.writeDictionary(seed, dictionaryEntries, out.resolve("dictionary-extra.tsv"),
                    out.resolve("dictionary-terms.txt"));
        }
        spec.commandLine().getOut().printf("generated %,d listings with seed %d in %s%n", listings, seed, out);
        spec.commandLine().getOut().flush();
        return ExitCode.OK;
    }
}
