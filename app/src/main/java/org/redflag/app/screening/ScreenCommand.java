package org.redflag.app.screening;

import java.io.BufferedOutputStream;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.redflag.app.cli.ExitCode;
import org.redflag.law.PolicyPack;
import org.redflag.law.PolicyPacks;
import org.redflag.law.RedFlag;
import org.redflag.screening.CategoryStats;
import org.redflag.screening.CategoryStatsFile;
import org.redflag.screening.CounterfeitDictionary;
import org.redflag.screening.FeedScreening;
import org.redflag.screening.ReferenceData;
import org.redflag.screening.Screener;
import org.redflag.source.InvalidInputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redflag screen}: red flags in a listings feed. */
@Command(name = "screen", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Screen a listings feed (one listing.schema.json object per line) for red flags and write one result per"
                    + " listing, in input order (screening-result.schema.json), to FILE or standard output.",
            "",
            "Detectors: COUNTERFEIT_KEYWORD (a multilingual dictionary, seen through width, case, script,"
                    + " look-alike letters, digit substitutions and separators), PRICE_BELOW_GENUINE (under the"
                    + " pack's ratio of the genuine price), SALES_ANOMALY (over the pack's multiples of the"
                    + " category's units and negative reviews) and LINKED_TO_BANNED_SELLER and FOREIGN_ORDER. It"
                    + " streams: memory does not grow with the feed. A line that is not a listing is reported with"
                    + " its number and skipped.",
            "",
            "The category statistics SALES_ANOMALY compares with come from the feed itself, in a first pass (so"
                    + " the feed is a file), or from --category-stats, a file --save-category-stats wrote from"
                    + " another feed (then the feed is read once and may be standard input, -).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  redflag generate --listings 200000 --seed 1 --out gen",
            "  redflag screen gen/listings.jsonl --genuine-prices gen/genuine-prices.csv \\",
            "      --banned-sellers gen/banned-sellers.jsonl \\",
            "      --foreign-orders gen/foreign-orders.csv --out gen/results.jsonl",
            "  redflag evaluate --labels gen/labels.jsonl gen/results.jsonl",
            "  redflag screen catalogue.jsonl --save-category-stats stats.csv --out /dev/null",
            "  cat today.jsonl | redflag screen - --category-stats stats.csv",
            "",
            "Exit codes:",
            "  0  every line screened",
            "  2  some line or file is invalid (the rest is still screened)"})
public final class ScreenCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "LISTINGS.jsonl", description = "The feed.")
    Path listings;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the results (default: stdout).")
    Path out;

    @Option(names = "--genuine-prices", paramLabel = "CSV", description = "brand,category,price,currency")
    Path genuinePrices;

    @Option(names = "--banned-sellers", paramLabel = "JSONL", description = "One {\"sellerId\": ...} per line.")
    Path bannedSellers;

    @Option(names = "--foreign-orders", paramLabel = "CSV", description = "sellerId,kind,court,issuedAt,servedAt")
    Path foreignOrders;

    @Option(names = "--dictionary", paramLabel = "FILE", description = "Extra dictionary entries (the shipped"
            + " dictionary's TSV format: KIND<TAB>TERM[<TAB>BRAND]).")
    List<Path> dictionaries = new ArrayList<>();

    @Option(names = "--category-stats", paramLabel = "CSV", description = "Category statistics to compare with,"
            + " instead of the feed's own: category,listings,averageUnitsSold,reviewedListings,"
            + "averageNegativeReviewRatio (as --save-category-stats writes them).")
    Path categoryStats;

    @Option(names = "--save-category-stats", paramLabel = "CSV", description = "Also write the category statistics"
            + " this screen compared with, for --category-stats.")
    Path saveCategoryStats;

    @Option(names = "--policy", paramLabel = "ID|FILE", defaultValue = "CN",
            description = "Policy pack for thresholds and citations (default ${DEFAULT-VALUE}).")
    String policy;

    @Option(names = "--threads", paramLabel = "N", description = "Screening threads (default: one per core,"
            + " here ${DEFAULT-VALUE}). The results are the same, in the same order, for any N.")
    int threads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--no-progress", description = "No progress line on the terminal.")
    boolean noProgress;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        boolean standardInput = listings.toString().equals("-");
        if (standardInput && categoryStats == null) {
            err.println("redflag: -: standard input is read only with --category-stats: without them the feed is"
                    + " read twice (its own category statistics first); save it to a file and name the file");
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        List<Path> inputs = new ArrayList<>(standardInput ? List.of() : List.of(listings));
        inputs.addAll(dictionaries);
        inputs.addAll(java.util.Arrays.asList(genuinePrices, bannedSellers, foreignOrders, categoryStats));
        String problem = org.redflag.source.FileProblems.first(inputs, out, saveCategoryStats);
        if (problem != null) {
            err.println("redflag: " + problem);
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        if (threads < 1 || threads > 256) {
            err.println("redflag: --threads: " + threads + " is not between 1 and 256");
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        boolean progress = !noProgress && System.console() != null;
        long total = standardInput ? 0 : Files.size(listings);
        long started = System.nanoTime();
        // The pack, the dictionary and the reference data load on another thread while this one gathers the
        // category statistics, which need none of them; a bad file among them stops the first pass.
        CompletableFuture<Loaded> loading = CompletableFuture.supplyAsync(this::load, LOADER);
        if (progress) {
            err.print(categoryStats == null ? "\rgathering category statistics and loading the dictionary..."
                    : "\rloading the dictionary...");
            err.flush();
        }
        CategoryStats gathered = null;
        try {
            gathered = categoryStats != null ? CategoryStatsFile.read(categoryStats)
                    : CategoryStats.gather(listings, threads, MAX_LINE, loading::isCompletedExceptionally);
        } catch (CancellationException e) {
            // the loader failed: said below
        } catch (InvalidInputException e) {
            e.problems().forEach(p -> err.println("redflag: " + p));
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        CategoryStats stats = gathered;
        Loaded loaded;
        try {
            loaded = loading.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof InvalidInputException bad) {
                bad.problems().forEach(p -> err.println("redflag: " + p));
            } else if (e.getCause() instanceof CounterfeitDictionary.InvalidLine bad) {
                err.println("redflag: " + bad.getMessage());
            } else {
                throw e;
            }
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        PolicyPack pack = loaded.pack();
        CounterfeitDictionary dictionary = loaded.dictionary();
        ReferenceData reference = loaded.reference();
        double firstPass = (System.nanoTime() - started) / 1e9;
        long[] shown = {0, 0}; // bad lines shown, listings at the last progress line
        FeedScreening.Summary summary;
        if (saveCategoryStats != null) {
            try (var w = Files.newBufferedWriter(saveCategoryStats)) {
                CategoryStatsFile.write(stats, w);
            }
        }
        try (InputStream in = standardInput ? System.in : Files.newInputStream(listings);
             OutputStream sink = new BufferedOutputStream(out == null
                     ? new FileOutputStream(FileDescriptor.out) : Files.newOutputStream(out), 1 << 16)) {
            summary = new FeedScreening(() -> new Screener(dictionary, reference, stats, pack), threads, MAX_LINE)
                    .run(in, sink, new FeedScreening.Listener() {
                        @Override
                        public void bad(String message) {
                            if (++shown[0] <= 100) {
                                err.println("redflag: " + listings + ": " + message);
                            }
                        }

                        @Override
                        public void progress(long screened, long bytes) {
                            if (progress && screened - shown[1] >= 50_000) {
                                shown[1] = screened;
                                err.printf(total == 0 ? "\r\033[Kscreened %,d listings"
                                        : "\r\033[Kscreened %,d listings (%d %%)", screened,
                                        Math.min(99, 100 * bytes / Math.max(1, total)));
                                err.flush();
                            }
                        }
                    });
        }
        Map<RedFlag, Long> counts = summary.flags();
        long screened = summary.screened();
        long bad = summary.bad();
        if (bad > 100) {
            err.println("redflag: ... and " + (bad - 100) + " more bad lines");
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (progress) {
            err.print("\r\033[K");
        }
        err.printf("screened %,d listing%s in %.1f s (%,.0f listings/s; category statistics %s %.1f s, screening"
                + " %.1f s)%s%n", screened, screened == 1 ? "" : "s", seconds, screened / seconds, categoryStats == null ? "gathered in"
                : "read in", firstPass, seconds - firstPass,
                bad > 0 ? String.format("; %,d bad line%s skipped", bad, bad == 1 ? "" : "s") : "");
        for (RedFlag f : RedFlag.values()) {
            if (counts.containsKey(f)) {
                err.printf("  %-24s %,d%n", f, counts.get(f));
            }
        }
        err.flush();
        return bad > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
    }

    private record Loaded(PolicyPack pack, CounterfeitDictionary dictionary, ReferenceData reference) {
    }

    /** Reads the pack, the dictionary and the reference files; their errors come out of the future. */
    private Loaded load() {
        try {
            // the pack last: the default one is already being read on a thread of its own (Redflag.preload)
            CounterfeitDictionary dictionary = CounterfeitDictionary.with(dictionaries);
            ReferenceData reference = ReferenceData.load(genuinePrices, bannedSellers, foreignOrders, dictionary);
            return new Loaded(PolicyPacks.builtIn().resolve(policy), dictionary, reference);
        } catch (InvalidInputException e) {
            throw new CompletionException(e);
        }
    }

    /** One daemon thread per load: the common pool may have none to spare on a small machine. */
    private static final java.util.concurrent.Executor LOADER = task -> {
        Thread t = new Thread(task, "screening-loader");
        t.setDaemon(true);
        t.start();
    };

    /** Longest line screened, in bytes. */
    private static final int MAX_LINE = 1 << 20;
}
