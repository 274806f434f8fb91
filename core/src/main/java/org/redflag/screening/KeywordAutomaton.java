package org.redflag.screening;

import java.util.Arrays;
import java.util.List;

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
        // symbols numbered by frequency in the terms, most frequent first (ties by character)
        int[] freq = new int[0x10000];
        int total = 0;
        for (String t : terms) {
            for (int i = 0; i < t.length(); i++) {
                freq[t.charAt(i)]++;
            }
            total += t.length();
        }
        long[] order = new long[0x10000];
        int symbols = 0;
        for (int c = 0; c < freq.length; c++) {
            if (freq[c] > 0) {
                order[symbols++] = (long) (Integer.MAX_VALUE - freq[c]) << 16 | c;
            }
        }
        Arrays.sort(order, 0, symbols);
        for (int i = 0; i < symbols; i++) {
            symbolOf[(int) (order[i] & 0xffff)] = (char) (i + 1);
        }
        // the trie: edges in one open-addressing table keyed by (state, symbol), states numbered as created
        Edges edges = new Edges(total + 1);
        int[] outs = new int[total + 1];
        Arrays.fill(outs, -1);
        int n = 1;
        termLength = new int[terms.size()];
        int[] nextOut = new int[terms.size()];
        for (int t = 0; t < terms.size(); t++) {
            String term = terms.get(t);
            termLength[t] = term.length();
            int s = 0;
            for (int i = 0; i < term.length(); i++) {
                int sym = symbolOf[term.charAt(i)];
                int next = edges.get(s, sym);
                if (next < 0) {
                    next = n++;
                    edges.put(s, sym, next);
                }
                s = next;
            }
            nextOut[t] = outs[s];
            outs[s] = t;
        }
        fail = new int[n];
        output = Arrays.copyOf(outs, n);
        outputNext = nextOut;
        // each state's children, sorted by symbol
        int[] count = new int[n];
        edges.forEach((from, sym, to) -> count[from]++);
        sparseSymbols = new int[n][];
        sparseTargets = new int[n][];
        for (int i = 0; i < n; i++) {
            sparseSymbols[i] = new int[count[i]];
            sparseTargets[i] = new int[count[i]];
        }
        int[] filled = new int[n];
        edges.forEach((from, sym, to) -> {
            int k = filled[from]++;
            sparseSymbols[from][k] = sym;
            sparseTargets[from][k] = to;
        });
        for (int i = 0; i < n; i++) {
            sortBySymbol(sparseSymbols[i], sparseTargets[i]);
        }
        // failure links, breadth first; the dense rows are the DFA for the frequent symbols
        dense = new int[n * DENSE];
        int[] queue = new int[n];
        int head = 0;
        int tail = 0;
        for (int k = 0; k < sparseSymbols[0].length; k++) {
            int child = sparseTargets[0][k];
            fail[child] = 0;
            queue[tail++] = child;
        }
        for (int sym = 1; sym < DENSE; sym++) {
            dense[sym] = Math.max(child(0, sym), 0);
        }
        int[] outTail = new int[n];
        while (head < tail) {
            int s = queue[head++];
            for (int k = 0; k < sparseSymbols[s].length; k++) {
                int sym = sparseSymbols[s][k];
                int child = sparseTargets[s][k];
                int f = fail[s];
                while (f != 0 && child(f, sym) < 0) {
                    f = fail[f];
                }
                int fc = child(f, sym);
                fail[child] = fc >= 0 && fc != child ? fc : 0;
                queue[tail++] = child;
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
        matches = new boolean[n];
        for (int i = 0; i < n; i++) {
            matches[i] = output[i] >= 0 || dictionaryLinks[i] >= 0;
        }
    }

    /** Whether reaching a state ends some term: its own, or one on its failure chain. */
    private final boolean[] matches;

    private final int[] dictionaryLinks;

    /** Insertion sort of a state's few children by symbol, their targets alongside. */
    private static void sortBySymbol(int[] symbols, int[] targets) {
        for (int i = 1; i < symbols.length; i++) {
            int sym = symbols[i];
            int target = targets[i];
            int j = i - 1;
            while (j >= 0 && symbols[j] > sym) {
                symbols[j + 1] = symbols[j];
                targets[j + 1] = targets[j];
                j--;
            }
            symbols[j + 1] = sym;
            targets[j + 1] = target;
        }
    }

    /** The trie's edges while it is built: (state, symbol) → child, open addressing, no boxing. */
    private static final class Edges {
        interface Visitor {
            void edge(int from, int symbol, int to);
        }

        private long[] keys;
        private int[] values;
        private int size;

        Edges(int expected) {
            int cap = Integer.highestOneBit(Math.max(16, expected * 2 - 1)) << 1;
            keys = new long[cap];
            values = new int[cap];
            Arrays.fill(keys, -1);
        }

        private static long key(int from, int symbol) {
            return (long) from << 16 | symbol;
        }

        private int slot(long key, long[] in) {
            int mask = in.length - 1;
            int i = (int) (key * 0x9E3779B97F4A7C15L >>> 40) & mask;
            while (in[i] != -1 && in[i] != key) {
                i = (i + 1) & mask;
            }
            return i;
        }

        int get(int from, int symbol) {
            int i = slot(key(from, symbol), keys);
            return keys[i] == -1 ? -1 : values[i];
        }

        void put(int from, int symbol, int to) {
            if (2 * (size + 1) > keys.length) {
                long[] oldKeys = keys;
                int[] oldValues = values;
                keys = new long[oldKeys.length * 2];
                values = new int[oldKeys.length * 2];
                Arrays.fill(keys, -1);
                for (int j = 0; j < oldKeys.length; j++) {
                    if (oldKeys[j] != -1) {
                        int i = slot(oldKeys[j], keys);
                        keys[i] = oldKeys[j];
                        values[i] = oldValues[j];
                    }
                }
            }
            int i = slot(key(from, symbol), keys);
            if (keys[i] == -1) {
                size++;
            }
            keys[i] = key(from, symbol);
            values[i] = to;
        }

        void forEach(Visitor v) {
            for (int i = 0; i < keys.length; i++) {
                if (keys[i] != -1) {
                    v.edge((int) (keys[i] >>> 16), (int) (keys[i] & 0xffff), values[i]);
                }
            }
        }
    }

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

    /** Runs over {@code text[0, length)}, skipping {@link TextFolding#SEP}; match ends are positions in it. */
    public void scan(char[] text, int length, Sink sink) {
        int s = 0;
        for (int i = 0; i < length; i++) {
            char c = text[i];
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
            if (!matches[s]) {
                continue; // most states end no term, nor does any state on their failure chain
            }
            for (int o = s; o >= 0; o = dictionaryLinks[o]) {
                for (int t = output[o]; t >= 0; t = outputNext[t]) {
                    sink.match(t, i + 1);
                }
            }
        }
    }
}
