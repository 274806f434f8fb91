package org.redflag.app.identity;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import org.redflag.app.cli.ExitCode;
import org.redflag.identity.Linker;
import org.redflag.identity.IdentityGraph;
import org.redflag.identity.SellerFeed;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tools.jackson.core.JsonGenerator;

/** {@code redflag link}: sellers linked to banned sellers. */
@Command(name = "link", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
            "Find the sellers that are one identity with a banned seller: accounts that share a strong identifier"
                    + " (identity document, payment account, device id, phone, e-mail), over any number of hops,"
                    + " after normalising each identifier (E.164 phones, Gmail dots and +tags, PRC ID check digits,"
                    + " width and case). Names and addresses never link by themselves; an identifier shared by more"
                    + " than --hub-threshold accounts is a hub and links nobody.",
            "",
            "Writes one line per seller that is not banned but is linked to a banned one (link-result.schema.json),"
                    + " with the path of shared identifiers, values masked. Bad lines are reported with their number"
                    + " and skipped.",
            "",
            "The file is streamed; what stays in memory is about 230 bytes an account (some 2.2 GiB for 10 million"
                    + " accounts with five identifiers each: give the JVM that much, e.g. REDFLAG_JAVA_OPTS=-Xmx4g).",
        },
        footerHeading = "%nExit codes:%n",
        footer = {"  0  every line read", "  1  not enough memory (the message says how to give the JVM more)",
            "  2  some line or file is invalid (the rest is still linked)"})
public final class LinkCommand implements Callable<Integer> {

    /** Lines, not a stream of values: no separator between root values but the newline written after each. */
    private static final tools.jackson.databind.json.JsonMapper JSON_LINES = tools.jackson.databind.json.JsonMapper
            .builder(tools.jackson.core.json.JsonFactory.builder().rootValueSeparator((String) null).build()).build();

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "SELLERS.jsonl", description = "One seller.schema.json object per line.")
    Path sellers;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to write the results (default: stdout).")
    Path out;

    @Option(names = "--hub-threshold", defaultValue = "50", paramLabel = "N",
            description = "An identifier held by more accounts than this is a hub (default ${DEFAULT-VALUE}).")
    int hubThreshold;

    @Option(names = "--region", defaultValue = "CN", paramLabel = "CC",
            description = "Region for phone numbers without a country prefix (default ${DEFAULT-VALUE}).")
    String region;

    @Override
    public Integer call() throws IOException {
        PrintWriter err = spec.commandLine().getErr();
        String problem = org.redflag.source.FileProblems.first(java.util.List.of(sellers), out);
        if (problem != null) {
            err.println("redflag: " + problem);
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        if (!org.redflag.identity.Normalisers.phoneRegion(region)) {
            err.println("redflag: --region: expected a two-letter region libphonenumber knows, such as CN, US or GB;"
                    + " found \"" + region + "\"");
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        if (hubThreshold < 1) {
            err.println("redflag: --hub-threshold: expected at least 1; found " + hubThreshold);
            err.flush();
            return ExitCode.BAD_INPUT;
        }
        try {
            return link(err);
        } catch (OutOfMemoryError e) {
            err.println();
            err.println("redflag: not enough memory to link " + sellers + " (about 230 bytes an account are kept);"
                    + " give the JVM more, e.g. REDFLAG_JAVA_OPTS=-Xmx" + Math.max(2,
                    2 * (Runtime.getRuntime().maxMemory() >> 30) + 1) + "g ./redflag link ...");
            err.flush();
            return ExitCode.FINDINGS;
        }
    }

    private int link(PrintWriter err) throws IOException {
        long started = System.nanoTime();
        IdentityGraph graph = new IdentityGraph(hubThreshold);
        long[] bad = {0};
        boolean tty = System.console() != null;
        try (InputStream in = Files.newInputStream(sellers)) {
            new SellerFeed(region).read(in, Files.size(sellers), graph, (line, field, message) -> {
                if (++bad[0] <= 100) {
                    err.println("redflag: " + sellers + ": line " + line + ": " + (field == null ? "" : field + ": ")
                            + message);
                }
            }, lines -> {
                if (tty) {
                    err.printf("\rread %,d sellers", lines);
                    err.flush();
                }
            });
        }
        if (tty) {
            err.print("\rlinking " + String.format("%,d", graph.accounts()) + " sellers ");
            err.flush();
        }
        long[] linked = {0};
        try (Writer w = out == null ? new BufferedWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8))
                : Files.newBufferedWriter(out, StandardCharsets.UTF_8);
             JsonGenerator g = JSON_LINES.createGenerator(w)) {
            graph.results(5, r -> {
                linked[0]++;
                write(g, r);
            });
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        if (tty) {
            err.print("\r");
        }
        err.printf("linked %,d seller%s in %.1f s: %,d linked to a banned seller%s%n", graph.accounts(),
                graph.accounts() == 1 ? "" : "s", seconds,
                linked[0], bad[0] > 0 ? String.format("; %,d bad line%s skipped", bad[0], bad[0] == 1 ? "" : "s") : "");
        err.flush();
        return bad[0] > 0 ? ExitCode.BAD_INPUT : ExitCode.OK;
    }

    private static void write(JsonGenerator g, Linker.Result r) {
        g.writeStartObject();
        g.writeStringProperty("sellerId", r.sellerId());
        g.writeStringProperty("clusterId", r.clusterId());
        g.writeArrayPropertyStart("linkedBanned");
        for (Linker.Link l : r.linkedBanned()) {
            g.writeStartObject();
            g.writeStringProperty("sellerId", l.bannedId());
            g.writeNumberProperty("confidence", Math.round(l.confidence() * 1000) / 1000.0);
            g.writeArrayPropertyStart("path");
            for (Linker.Hop h : l.path()) {
                g.writeStartObject();
                g.writeStringProperty("from", h.from());
                g.writeStringProperty("to", h.to());
                g.writeStringProperty("identifier", h.identifier().key());
                g.writeStringProperty("masked", h.masked());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeEndObject();
        g.writeRaw('\n');
    }
}
