package org.redflag.app.evidence;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.redflag.app.cli.ExitCode;
import org.redflag.app.cli.Version;
import org.redflag.evidence.Bundles;
import org.redflag.evidence.Custody;
import org.redflag.evidence.EvidenceRecord;
import org.redflag.evidence.Hashes;
import org.redflag.evidence.Ledger;
import org.redflag.evidence.TreeHead;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code redflag evidence}: a ledger in a directory, without a server. */
@Command(name = "evidence", mixinStandardHelpOptions = true,
        description = {
            "Capture evidence into a tamper-evident ledger and export court-ready bundles, without a server.",
            "",
            "A ledger is a directory: files stored by SHA-256, an append-only Merkle log (RFC 9162), tree heads"
                    + " signed with the ledger's Ed25519 key and time-stamped (RFC 3161) by a local authority or the"
                    + " TSA given with --tsa-url. Keys are made on first use under DIR/keys.",
        },
        subcommands = {EvidenceCommand.Add.class, EvidenceCommand.Export.class, EvidenceCommand.Head.class,
            EvidenceCommand.Proof.class, EvidenceCommand.Consistency.class})
public final class EvidenceCommand implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    static String version() {
        return "redflag " + Version.version();
    }

    /** Options every subcommand shares. */
    abstract static class LedgerOptions implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Option(names = "--ledger", required = true, paramLabel = "DIR", description = "The ledger directory.")
        Path dir;

        @Option(names = "--tsa-url", paramLabel = "URL",
                description = "An RFC 3161 time-stamping authority to use instead of the ledger's local one.")
        URI tsaUrl;

        Ledger open() {
            return Ledger.open(dir, Clock.systemUTC(), version(), Optional.ofNullable(tsaUrl));
        }

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        int bad(String message) {
            spec.commandLine().getErr().println("redflag: " + message);
            spec.commandLine().getErr().flush();
            return ExitCode.BAD_INPUT;
        }

        boolean existing() {
            return Files.isDirectory(dir.resolve("tree"));
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true, description = "Append files to the ledger, with their"
            + " chain of custody, and sign a new tree head.")
    static final class Add extends LedgerOptions {
        @Parameters(paramLabel = "FILE", arity = "1..*", description = "Files to capture (listing snapshots as"
                + " JSON, HTML, images...).")
        List<Path> files;

        @Option(names = "--captured-by", paramLabel = "WHO", defaultValue = "${sys:user.name}",
                description = "Who captured them (default: the current user).")
        String capturedBy;

        @Option(names = "--source-url", paramLabel = "URL", description = "Where they were captured from.")
        String sourceUrl;

        @Option(names = "--subject", paramLabel = "TEXT", description = "What they are about (a notice, a listing).")
        String subject;

        @Option(names = "--media-type", paramLabel = "TYPE", description = "Media type (default: from the file name).")
        String mediaType;

        @Override
        public Integer call() throws IOException {
            List<byte[]> contents = new ArrayList<>();
            for (Path f : files) {
                String unreadable = org.redflag.source.FileProblems.input(f);
                if (unreadable != null) {
                    return bad(unreadable);
                }
                if (Files.size(f) > 256L << 20) {
                    return bad(f + ": larger than 256 MiB");
                }
                contents.add(Files.readAllBytes(f));
            }
            try (Ledger ledger = open()) {
                for (int i = 0; i < files.size(); i++) {
                    Path f = files.get(i);
                    String type = mediaType != null ? mediaType : Optional.ofNullable(Files.probeContentType(f))
                            .orElse("application/octet-stream");
                    EvidenceRecord r = ledger.add(contents.get(i), new Custody(f.getFileName().toString(), type,
                            capturedBy, sourceUrl, subject, "FILE"));
                    out().printf("%d  %s  %s%n", r.index(), r.sha256(), f);
                }
                TreeHead head = ledger.signHead();
                out().printf("tree head: %d entries, root %s, signed and time-stamped at %s%n", head.treeSize(),
                        Hashes.hex(head.rootHash()), head.timestamp());
            }
            out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write a bundle of some or all entries:"
            + " artifacts, manifest, inclusion proofs, the signed tree head, its time-stamp token, the public keys"
            + " and certificate, and a bilingual PDF summary. Check it with 'redflag verify'.")
    static final class Export extends LedgerOptions {
        /** Whether {@code file} would land in {@code directory} or below, links followed as far as they exist. */
        static boolean inside(Path file, Path directory) throws IOException {
            Path dirReal = directory.toRealPath();
            Path parent = file.toAbsolutePath().normalize().getParent();
            Path parentReal = parent == null || !Files.exists(parent) ? parent : parent.toRealPath();
            return parentReal != null && parentReal.startsWith(dirReal);
        }

        @Option(names = "--items", split = ",", paramLabel = "N", description = "Entry numbers (default: all).")
        List<Long> items = new ArrayList<>();

        @Option(names = "--out", required = true, paramLabel = "BUNDLE.zip", description = "The bundle to write.")
        Path out;

        @Option(names = "--title", defaultValue = "Evidence bundle", description = "A title for the summary.")
        String title;

        @Override
        public Integer call() throws IOException {
            if (!existing()) {
                return bad(dir + ": no ledger here (create one with 'redflag evidence add')");
            }
            String unwritable = org.redflag.source.FileProblems.output(out);
            if (unwritable != null) {
                return bad(unwritable);
            }
            if (inside(out, dir)) {
                return bad(out + ": is inside the ledger " + dir + ", whose files only the ledger writes; write the"
                        + " bundle elsewhere");
            }
            try (Ledger ledger = open()) {
                for (long i : items) {
                    if (i < 0 || i >= ledger.size()) {
                        return bad("--items: no entry " + i + "; the ledger has entries 0 to " + (ledger.size() - 1));
                    }
                }
                if (ledger.size() == 0) {
                    return bad(dir + ": the ledger is empty");
                }
                Path tmp = out.resolveSibling(out.getFileName() + ".part");
                try (OutputStream o = Files.newOutputStream(tmp)) {
                    List<Long> chosen = items.isEmpty()
                            ? java.util.stream.LongStream.range(0, ledger.size()).boxed().toList() : items;
                    TreeHead head = Bundles.export(ledger, chosen, title, o);
                    out().printf("%s: %d item(s) under a tree head of %d entries, root %s%n", out, chosen.size(),
                            head.treeSize(), Hashes.hex(head.rootHash()));
                }
                Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
            out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "head", mixinStandardHelpOptions = true, description = "Sign and time-stamp a tree head for the"
            + " ledger as it is now; print it as JSON.")
    static final class Head extends LedgerOptions {
        @Override
        public Integer call() {
            if (!existing()) {
                return bad(dir + ": no ledger here");
            }
            try (Ledger ledger = open()) {
                out().println(ledger.signHead().toJson());
            }
            out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "proof", mixinStandardHelpOptions = true, description = "Print the inclusion proof of an entry in"
            + " the tree of a given size (default: the whole ledger), as JSON.")
    static final class Proof extends LedgerOptions {
        @Option(names = "--item", required = true, paramLabel = "N")
        long item;

        @Option(names = "--size", paramLabel = "M", description = "Tree size (default: the ledger's).")
        Long size;

        @Override
        public Integer call() {
            if (!existing()) {
                return bad(dir + ": no ledger here");
            }
            try (Ledger ledger = open()) {
                long n = size == null ? ledger.size() : size;
                if (n < 1 || n > ledger.size()) {
                    return bad("--size: expected 1 to " + ledger.size() + "; found " + n);
                }
                if (item < 0 || item >= n) {
                    return bad("--item: expected 0 to " + (n - 1) + " in a tree of " + n + "; found " + item);
                }
                StringBuilder json = new StringBuilder("{\"leafIndex\":" + item + ",\"treeSize\":" + n
                        + ",\"leafHash\":\"" + Hashes.hex(Hashes.leaf(ledger.record(item).leafData()))
                        + "\",\"rootHash\":\"" + Hashes.hex(ledger.root(n)) + "\",\"path\":[");
                appendHashes(json, ledger.inclusionProof(item, n));
                out().println(json.append("]}"));
            }
            out().flush();
            return ExitCode.OK;
        }
    }

    @Command(name = "consistency", mixinStandardHelpOptions = true, description = "Print the consistency proof"
            + " between two tree sizes, as JSON: the smaller tree is a prefix of the larger.")
    static final class Consistency extends LedgerOptions {
        @Option(names = "--from", required = true, paramLabel = "M")
        long from;

        @Option(names = "--to", paramLabel = "N", description = "Default: the ledger's size.")
        Long to;

        @Override
        public Integer call() {
            if (!existing()) {
                return bad(dir + ": no ledger here");
            }
            try (Ledger ledger = open()) {
                long n = to == null ? ledger.size() : to;
                if (n < 0 || n > ledger.size()) {
                    return bad("--to: expected 0 to " + ledger.size() + "; found " + n);
                }
                if (from < 0 || from > n) {
                    return bad("--from: expected 0 to " + n + "; found " + from);
                }
                StringBuilder json = new StringBuilder("{\"first\":" + from + ",\"second\":" + n + ",\"firstRoot\":\""
                        + Hashes.hex(ledger.root(from)) + "\",\"secondRoot\":\"" + Hashes.hex(ledger.root(n))
                        + "\",\"proof\":[");
                appendHashes(json, ledger.consistencyProof(from, n));
                out().println(json.append("]}"));
            }
            out().flush();
            return ExitCode.OK;
        }
    }

    static void appendHashes(StringBuilder json, List<byte[]> hashes) {
        for (int i = 0; i < hashes.size(); i++) {
            json.append(i == 0 ? "" : ",").append('"').append(Hashes.hex(hashes.get(i))).append('"');
        }
    }
}
