package org.redflag.screening;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.redflag.source.InputProblem;
import org.redflag.source.InvalidInputException;
import org.redflag.source.Utf8Text;

/**
 * The counterfeit dictionary: terms by kind, protected brands and their aliases, all folded by
 * {@link TextFolding} and compiled into one {@link KeywordAutomaton}. The shipped dictionary is
 * {@code dictionary.tsv} beside this class; files in the same format extend it.
 */
public final class CounterfeitDictionary {

    public enum Kind { ALONE, WITH_BRAND, NOT, SUPPRESS, BRAND }

    /**
     * One entry: its kind, the term as written, its folded form, for a brand alias the canonical brand, and where it
     * was read; {@code cjk} and {@code spaced} say where a match may be broken by separators (a CJK term anywhere, a
     * term written with spaces where it has them), worked out once here rather than at every match.
     */
    public record Entry(Kind kind, String term, String folded, String brand, String source, boolean cjk,
                        boolean spaced) {
        /** {@code cjk} and {@code spaced} are always worked out from the term, whatever is passed for them. */
        public Entry {
            cjk = folded.chars().anyMatch(c -> c >= 0x2E80);
            spaced = term.indexOf(' ') >= 0;
        }

        public Entry(Kind kind, String term, String folded, String brand, String source) {
            this(kind, term, folded, brand, source, false, false);
        }
    }

    private final List<Entry> entries;
    private final KeywordAutomaton automaton;
    private final Map<String, String> brandsByAlias = new HashMap<>();

    private CounterfeitDictionary(List<Entry> entries) {
        this.entries = List.copyOf(entries);
        this.automaton = new KeywordAutomaton(entries.stream().map(Entry::folded).toList());
        for (Entry e : entries) {
            if (e.kind() == Kind.BRAND) {
                brandsByAlias.put(e.folded(), e.brand());
            }
        }
    }

    public static CounterfeitDictionary shipped() {
        return with(List.of());
    }

    /** The shipped dictionary extended by files; a malformed line is refused with its file and line. */
    public static CounterfeitDictionary with(List<Path> extra) {
        try {
            List<Entry> entries = new ArrayList<>();
            try (InputStream in = CounterfeitDictionary.class.getResourceAsStream("dictionary.tsv")) {
                read(new InputStreamReader(in, StandardCharsets.UTF_8), "dictionary.tsv", entries);
            }
            for (Path p : extra) {
                try (Reader r = Utf8Text.open(p)) {
                    read(r, p.toString(), entries);
                } catch (Utf8Text.NotUtf8 e) {
                    throw new InvalidLine(e.in(p.toString()));
                }
            }
            return new CounterfeitDictionary(entries);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads entries; throws {@link InvalidLine} (unchecked) for a line that is not KIND TAB TERM [TAB BRAND]. */
    static void read(Reader reader, String name, List<Entry> into) throws IOException {
        BufferedReader in = new BufferedReader(reader);
        String line;
        int n = 0;
        TextFolding folding = TextFolding.get();
        while ((line = in.readLine()) != null) {
            n++;
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            Kind kind;
            try {
                kind = Kind.valueOf(f[0].trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new InvalidLine(new InputProblem(name, n, "kind", "expected one of ALONE, WITH_BRAND, NOT,"
                        + " SUPPRESS, BRAND; found \"" + f[0] + "\""));
            }
            if (f.length < 2 || f[1].isBlank()) {
                throw new InvalidLine(new InputProblem(name, n, "term", "a term is required after the kind and a tab"));
            }
            if (kind == Kind.BRAND && (f.length < 3 || f[2].isBlank())) {
                throw new InvalidLine(new InputProblem(name, n, "brand", "a BRAND line names its canonical brand"
                        + " in the third column"));
            }
            String folded = folding.foldTerm(f[1].trim());
            if (folded == null) {
                throw new InvalidLine(new InputProblem(name, n, "term", "the term folds to nothing"));
            }
            into.add(new Entry(kind, f[1].trim(), folded, kind == Kind.BRAND ? f[2].trim() : null, name + ":" + n));
        }
    }

    /** A malformed dictionary line. */
    public static final class InvalidLine extends RuntimeException {
        private final InputProblem problem;

        InvalidLine(InputProblem problem) {
            super(problem.toString());
            this.problem = problem;
        }

        public InvalidInputException asInvalidInput() {
            return new InvalidInputException(problem);
        }
    }

    public List<Entry> entries() {
        return entries;
    }

    public Entry entry(int term) {
        return entries.get(term);
    }

    KeywordAutomaton automaton() {
        return automaton;
    }

    /** The canonical brand for a brand field as a seller typed it, if the dictionary protects it. */
    public String brandOf(String field) {
        if (field == null) {
            return null;
        }
        String known = brandFields.get(field);
        if (known != null) {
            return known == NO_BRAND ? null : known;
        }
        String folded = TextFolding.get().foldTerm(field);
        String brand = folded == null ? null : brandsByAlias.get(folded);
        if (brandFields.size() < 100_000) { // a feed repeats its brand fields; a bounded memo keeps memory flat
            brandFields.put(field, brand == null ? NO_BRAND : brand);
        }
        return brand;
    }

    /** Brand fields already folded and looked up, with their brand or {@link #NO_BRAND}. */
    private final java.util.Map<String, String> brandFields = new java.util.concurrent.ConcurrentHashMap<>();
    private static final String NO_BRAND = new String("no brand");
}
