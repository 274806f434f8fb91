package org.redflag.screening;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Aho-Corasick over folded, separator-free terms. Characters that occur in no term map to symbol 0 and send the
 * automaton to the root at once; the most frequent symbols of the dictionary get a full transition row per state
 * (a DFA), the rest go through goto arrays and failure links. Memory stays bounded at large dictionaries: the dense
 * part is {@link #DENSE} ints per state.
 */
public final class KeywordAutomaton {

    static final int DENSE = 48;

    /** A match: term {@code term} ends at folded position {@code end} (exclusive). */
    public interface Sink {
        void match(int term, int end);
    }

    private final char[] symbolOf = new char[0x10000];
    private final int[] dense;
    private final int[][] sparseSymbols;
    private final int[][] sparseTargets;
    private final int[] fail;
    private final int[] output;
    private final int[] outputNext;
    private final int[] termLength;

    public KeywordAutomaton(List<String> terms) {
        Map<Character, Integer> freq = new HashMap<>();
        for (String t : terms) {
            for (char c : t.toCharArray()) {
                freq.merge(c, 1, Integer::sum);
            }
        }
        List<Character> bySymbol = new ArrayList<>(freq.keySet());
        bySymbol.sort((a, b) -> freq.get(b) - freq.get(a) != 0 ? freq.get(b) - freq.get(a) : a - b);
        for (int i = 0; i < bySymbol.size(); i++) {
            symbolOf[bySymbol.get(i)] = (char) (i + 1);
        }
        // the trie
        List<Map<Integer, Integer>> children = new ArrayList<>();
        List<Integer> outs = new ArrayList<>();
        children.add(new HashMap<>());
        outs.add(-1);
        termLength = new int[terms.size()];
        int[] nextOut = new int[terms.size()];
        Arrays.fill(nextOut, -1);
        for (int t = 0; t < terms.size(); t++) {
            String term = terms.get(t);
            termLength[t] = term.length();
            int s = 0;
            for (char c : term.toCharArray()) {
                int sym = symbolOf[c];
                Integer next = children.get(s).get(sym);
                if (next == null) {
                    next = children.size();
                    children.add(new HashMap<>());
                    outs.add(-1);
                    children.get(s).put(sym, next);
                }
                s = next;
            }
            nextOut[t] = outs.get(s);
            outs.set(s, t);
        }
        int n = children.size();
        fail = new int[n];
        output = new int[n];
        for (int i = 0; i < n; i++) {
            output[i] = outs.get(i);
        }
        outputNext = nextOut;
        sparseSymbols = new int[n][];
        sparseTargets = new int[n][];
        for (int i = 0; i < n; i++) {
            var e = children.get(i).entrySet().stream().sorted(Map.Entry.comparingByKey()).toList();
            sparseSymbols[i] = e.stream().mapToInt(Map.Entry::getKey).toArray();
            sparseTargets[i] = e.stream().mapToInt(Map.Entry::getValue).toArray();
        }
        // failure links, breadth first; the dense rows are the DFA for the frequent symbols
        dense = new int[n * DENSE];
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        for (int k = 0; k < sparseSymbols[0].length; k++) {
            int child = sparseTargets[0][k];
            fail[child] = 0;
            queue.add(child);
        }
        for (int sym = 1; sym < DENSE; sym++) {
            dense[sym] = Math.max(child(0, sym), 0);
        }
        int[] outTail = new int[n];
        while (!queue.isEmpty()) {
            int s = queue.poll();
            for (int k = 0; k < sparseSymbols[s].length; k++) {
                int sym = sparseSymbols[s][k];
                int child = sparseTargets[s][k];
                int f = fail[s];
                while (f != 0 && child(f, sym) < 0) {
                    f = fail[f];
                }
                int fc = child(f, sym);
                fail[child] = fc >= 0 && fc != child ? fc : 0;
                queue.add(child);
            }
            for (int sym = 1; sym < DENSE; sym++) {
                int c = child(s, sym);
                dense[s * DENSE + sym] = c >= 0 ? c : dense[fail[s] * DENSE + sym];
            }
        }
        dictionaryLinks = new int[n];
        for (int i = 0; i < n; i++) {
            dictionaryLinks[i] = -1;
        }
        // dictionary suffix links: the nearest state on the failure chain with an output
        for (int i = 1; i < n; i++) {
            int f = fail[i];
            while (f != 0 && output[f] < 0) {
                f = fail[f];
            }
            dictionaryLinks[i] = f != 0 && output[f] >= 0 ? f : -1;
        }
    }

    private final int[] dictionaryLinks;

    private int child(int s, int sym) {
        int k = Arrays.binarySearch(sparseSymbols[s], sym);
        return k >= 0 ? sparseTargets[s][k] : -1;
    }

    public int termLength(int term) {
        return termLength[term];
    }

    public int states() {
        return fail.length;
    }

    /** Runs over {@code text}, skipping {@link TextFolding#SEP}; {@code squeezedEnd} positions are in {@code text}. */
    public void scan(CharSequence text, Sink sink) {
        int s = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == TextFolding.SEP) {
                continue;
            }
            int sym = symbolOf[c];
            if (sym == 0) {
                s = 0;
                continue;
            }
            if (sym < DENSE) {
                s = dense[s * DENSE + sym];
            } else {
                int next;
                while ((next = child(s, sym)) < 0 && s != 0) {
                    s = fail[s];
                }
                s = Math.max(next, 0);
            }
            for (int o = s; o >= 0; o = dictionaryLinks[o]) {
                for (int t = output[o]; t >= 0; t = outputNext[t]) {
                    sink.match(t, i + 1);
                }
            }
        }
    }
}
