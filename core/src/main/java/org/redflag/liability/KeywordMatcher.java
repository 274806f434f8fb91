package org.redflag.liability;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.redflag.law.RedFlagRules.CounterfeitTerms;

/**
 * Finds a pack's counterfeit terms in a listing's text. Text and terms are folded to NFKC lower case (full-width to
 * half-width, compatibility forms, case); legitimate phrases ({@code notTerms}) are blanked first; a term in Latin
 * letters or digits must stand as a whole word, a term in CJK script may stand anywhere.
 */
final class KeywordMatcher {

    private final CounterfeitTerms terms;

    KeywordMatcher(CounterfeitTerms terms) {
        this.terms = terms;
    }

    /** The terms found: those that count alone, and, in a branded listing, those that count only with a brand. */
    List<String> find(String text, boolean branded) {
        String folded = fold(text);
        for (String not : terms.notTerms()) {
            folded = folded.replace(fold(not), " ".repeat(fold(not).length()));
        }
        List<String> found = new ArrayList<>();
        for (String term : terms.alone()) {
            if (contains(folded, fold(term))) {
                found.add(term);
            }
        }
        if (branded) {
            for (String term : terms.withBrand()) {
                if (contains(folded, fold(term))) {
                    found.add(term);
                }
            }
        }
        return found;
    }

    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT);
    }

    private static boolean contains(String text, String term) {
        int from = 0;
        while (true) {
            int at = text.indexOf(term, from);
            if (at < 0) {
                return false;
            }
            int end = at + term.length();
            boolean startOk = !wordChar(term.charAt(0)) || at == 0 || !wordChar(text.charAt(at - 1));
            boolean endOk = !wordChar(term.charAt(term.length() - 1)) || end == text.length()
                    || !wordChar(text.charAt(end));
            if (startOk && endOk) {
                return true;
            }
            from = at + 1;
        }
    }

    /** Latin letters and digits form words; CJK characters do not need boundaries. */
    private static boolean wordChar(char c) {
        return c < 0x2E80 && Character.isLetterOrDigit(c);
    }
}
