package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The automaton finds exactly the occurrences a naive search finds: every term ending at every position, with
 * separators skipped inside a match, whatever the alphabet (frequent symbols in dense rows, rare ones sparse).
 */
class KeywordAutomatonTests {

    /** An alphabet of more than {@link KeywordAutomaton#DENSE} symbols, some CJK and some above the BMP's middle. */
    static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789高仿精超复刻原单货真假名牌包表鞋ÀÉÎÕÜßæøåαβγδ"
            + "\uff21\uff22\ue000\ufffd";

    static String random(Random r, int length, String alphabet) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < length; i++) {
            s.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        return s.toString();
    }

    /** Every (term, end) a plain search finds in the text with separators taken out. */
    static TreeSet<String> naive(List<String> terms, String text) {
        StringBuilder squeezed = new StringBuilder();
        List<Integer> at = new ArrayList<>();
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) != TextFolding.SEP) {
                squeezed.append(text.charAt(i));
                at.add(i);
            }
        }
        TreeSet<String> found = new TreeSet<>();
        for (int t = 0; t < terms.size(); t++) {
            String term = terms.get(t);
            for (int from = squeezed.indexOf(term); from >= 0; from = squeezed.indexOf(term, from + 1)) {
                found.add(t + "@" + (at.get(from + term.length() - 1) + 1));
            }
        }
        return found;
    }

    @Test
    void finds_what_a_naive_search_finds() {
        Random r = new Random(21);
        for (int round = 0; round < 200; round++) {
            // a small alphabet makes overlaps, prefixes and shared suffixes common; a wide one fills sparse rows
            String alphabet = round % 2 == 0 ? ALPHABET.substring(0, 3 + r.nextInt(6)) : ALPHABET;
            List<String> terms = new ArrayList<>();
            for (int k = 1 + r.nextInt(60); k > 0; k--) {
                terms.add(random(r, 1 + r.nextInt(6), alphabet));
            }
            KeywordAutomaton automaton = new KeywordAutomaton(terms);
            for (int probe = 0; probe < 20; probe++) {
                String text = random(r, r.nextInt(200), alphabet + TextFolding.SEP + "?!");
                TreeSet<String> found = new TreeSet<>();
                automaton.scan(text.toCharArray(), text.length(), (term, end) -> found.add(term + "@" + end));
                assertThat(found).as("terms %s in %s", terms, text).isEqualTo(naive(terms, text));
            }
        }
    }
}
