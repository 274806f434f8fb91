package org.redflag.screening;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.redflag.screening.CounterfeitDictionary.Entry;
import org.redflag.screening.CounterfeitDictionary.Kind;

/**
 * Finds counterfeit terms in a listing's text, with each term's own boundary rules: a Latin term must stand as a
 * whole word; it may be broken by separators only where it has a space or where every piece is one or two letters
 * long (letter-spacing: "r e p l i c a", "h.i.g.h"); a CJK term may be broken anywhere ("高 仿", "高-仿").
 * Legitimate phrases are blanked first (they match as prefixes: "aaa batter" covers battery and batteries);
 * WITH_BRAND terms count only beside a protected brand and no suppressor.
 * Not thread-safe: one detector per thread.
 */
public final class KeywordDetector {

    /** A term found: the dictionary entry, the span in the original text, and what the text said there. */
    public record Hit(Entry entry, int start, int end, String original, String folded) {
    }

    /** What the text showed: counted hits, brands named, and whether a suppressor was present. */
    public record Result(List<Hit> hits, Set<String> brands, boolean suppressed) {
    }

    private final CounterfeitDictionary dictionary;
    private final TextFolding folding = TextFolding.get();
    private final TextFolding.Folded folded = new TextFolding.Folded();
    private final List<int[]> raw = new ArrayList<>();
    private final KeywordAutomaton.Sink collect = (term, end) -> raw.add(new int[] {term, end});

    public KeywordDetector(CounterfeitDictionary dictionary) {
        this.dictionary = dictionary;
    }

    /** Screens {@code text}; {@code brandField} is the listing's declared brand, if any. */
    public Result detect(String text, String brandField) {
        return detect(text, null, brandField);
    }

    /**
     * Screens a listing's title and description (null for none) as one text, the title, a newline, the description:
     * hits' spans are positions in that text. {@code brandField} is the listing's declared brand, if any.
     */
    public Result detect(String title, String description, String brandField) {
        folded.clear();
        raw.clear();
        folding.fold(title, 0, folded);
        if (description != null) {
            folded.append(TextFolding.SEP, title.length()); // the newline between them
            folding.fold(description, title.length() + 1, folded);
        }
        dictionary.automaton().scan(folded.chars, folded.length, collect);
        String declared = dictionary.brandOf(brandField);
        if (raw.isEmpty()) { // most listings: nothing matched, nothing to collect
            return new Result(List.of(), declared == null ? Set.of() : Set.of(declared), false);
        }
        Set<String> brands = new LinkedHashSet<>();
        if (declared != null) {
            brands.add(declared);
        }
        BitSet blanked = null; // made only for a legitimate phrase found
        List<int[]> accepted = null; // made only for a term found
        boolean suppressed = false;
        for (int[] m : raw) {
            Entry e = dictionary.entry(m[0]);
            int start = start(m[1], e.folded().length());
            if (!fits(e, start, m[1])) {
                continue;
            }
            switch (e.kind()) {
                case NOT -> {
                    if (blanked == null) {
                        blanked = new BitSet();
                    }
                    blanked.set(start, m[1]);
                }
                case SUPPRESS -> suppressed = true;
                case BRAND -> brands.add(e.brand());
                default -> {
                    if (accepted == null) {
                        accepted = new ArrayList<>();
                    }
                    accepted.add(new int[] {m[0], start, m[1]});
                }
            }
        }
        if (accepted == null) { // brands or phrases only: no term to count
            return new Result(List.of(), brands, suppressed);
        }
        String text = description == null ? title : title + "\n" + description;
        List<Hit> hits = new ArrayList<>();
        for (int[] a : accepted) {
            Entry e = dictionary.entry(a[0]);
            if (blanked != null && within(blanked.nextSetBit(a[1]), a[2])) { // inside a legitimate phrase
                continue;
            }
            if (e.kind() == Kind.WITH_BRAND && (brands.isEmpty() || suppressed)) {
                continue;
            }
            int from = folded.origin(a[1]);
            int to = folded.origin(a[2] - 1) + 1;
            hits.add(new Hit(e, from, to, text.substring(from, to), folded.substring(a[1], a[2])
                    .replace(TextFolding.SEP, ' ')));
        }
        return new Result(hits, brands, suppressed);
    }

    /** Whether a set bit found at {@code bit} (-1 for none) lies before {@code end}. */
    private static boolean within(int bit, int end) {
        return bit >= 0 && bit < end;
    }

    /** The folded index where a match of {@code length} non-separator characters ending at {@code end} starts. */
    private int start(int end, int length) {
        int i = end;
        int left = length;
        while (left > 0) {
            i--;
            if (folded.charAt(i) != TextFolding.SEP) {
                left--;
            }
        }
        return i;
    }

    private boolean fits(Entry e, int start, int end) {
        if (e.cjk()) {
            return true;
        }
        if (wordCharBefore(start) || (e.kind() != Kind.NOT && wordCharAt(end))) {
            return false;
        }
        // separators inside the match: allowed where the term has a space, or as letter-spacing
        int piece = 0;
        int longest = 0;
        boolean split = false;
        for (int i = start; i < end; i++) {
            if (folded.charAt(i) == TextFolding.SEP) {
                split = true;
                longest = Math.max(longest, piece);
                piece = 0;
            } else {
                piece++;
            }
        }
        longest = Math.max(longest, piece);
        return !split || e.spaced() || longest <= 2;
    }

    private boolean wordCharBefore(int i) {
        return i > 0 && word(folded.charAt(i - 1));
    }

    private boolean wordCharAt(int i) {
        return i < folded.length() && word(folded.charAt(i));
    }

    private static boolean word(char c) {
        return c != TextFolding.SEP && c < 0x2E80 && Character.isLetterOrDigit(c);
    }
}
