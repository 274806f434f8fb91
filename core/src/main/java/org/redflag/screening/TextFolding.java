package org.redflag.screening;

import com.ibm.icu.text.Normalizer2;
import com.ibm.icu.text.SpoofChecker;
import com.ibm.icu.text.Transliterator;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Folds text for matching, one character at a time through a table built once from ICU data (calling ICU per
 * listing is far too slow for the hot path):
 * <ul>
 *   <li>Unicode NFKC with case folding: full-width to half-width, compatibility forms, case;</li>
 *   <li>Traditional to Simplified Chinese (ICU's Traditional-Simplified transliterator, per character);</li>
 *   <li>Cyrillic and Greek letters confusable with a Latin letter become that letter (ICU's confusable
 *   skeletons);</li>
 *   <li>digit and symbol substitutions for letters: 0→o, 1→i, |→l, 3→e, 4→a, @→a, $→s, 5→s, 7→t;</li>
 *   <li>zero-width characters and soft hyphens are dropped; spaces and the separators used to break words up
 *   (. - _ * · ~ / and the like) become {@link #SEP}, so matching can see where words were broken.</li>
 * </ul>
 * Other punctuation (":" in "1:1") is kept. Not folded: substitutions that need context (1 for l), homophones.
 */
public final class TextFolding {

    /** A separator: a space or a character used to split a word. */
    public static final char SEP = '\uFFFE';
    /** A character that is removed. */
    static final char DROP = '\uFFFF';

    private static final String SEPARATORS = ".-_*·•~/\\+=,;'\"`^|#()[]{}<>・，。、；？（）【】《》〈〉「」『』　";

    /** Where the table is shipped: built from ICU data when the build's tests last ran, checked by those tests. */
    static final String RESOURCE = "/org/redflag/screening/folding-table.bin";

    private final char[] table;
    private final Map<Character, String> expansions;
    /** Characters NFKC expands to several: looked up in {@link #expansions}; the table keeps them as they are. */
    private final boolean[] expands = new boolean[0x10000];

    private TextFolding(char[] table, Map<Character, String> expansions) {
        this.table = table;
        this.expansions = expansions;
        expansions.keySet().forEach(c -> expands[c] = true);
    }

    /** The folding built from ICU's data (about a second); {@link #get} reads the same table from a resource. */
    static TextFolding fromIcu() {
        char[] table = new char[0x10000];
        Map<Character, String> expansions = new HashMap<>();
        Normalizer2 nfkc = Normalizer2.getNFKCCasefoldInstance();
        for (int c = 0; c < 0x10000; c++) {
            char ch = (char) c;
            if (Character.isSurrogate(ch)) {
                table[c] = ch;
                continue;
            }
            String folded = nfkc.normalize(String.valueOf(ch));
            if (folded.isEmpty()) {
                table[c] = DROP;
            } else if (folded.length() == 1) {
                table[c] = folded.charAt(0);
            } else {
                table[c] = ch;
                expansions.put(ch, folded);
            }
        }
        simplify(table);
        confusables(table);
        for (int c = 0; c < 0x10000; c++) {
            char t = table[c];
            if (t == DROP) {
                continue;
            }
            if (Character.isWhitespace(t) || Character.isSpaceChar(t) || SEPARATORS.indexOf(t) >= 0
                    || SEPARATORS.indexOf((char) c) >= 0) {
                table[c] = SEP;
            } else if (Character.getType(t) == Character.FORMAT) {
                table[c] = DROP;
            }
        }
        String leet = "0o1i3e4a@a$s5s7t|l";
        for (int c = 0; c < 0x10000; c++) {
            int at = leet.indexOf(c == '|' ? '|' : table[c]);
            if (at >= 0 && at % 2 == 0) {
                table[c] = leet.charAt(at + 1);
            }
        }
        return new TextFolding(table, expansions);
    }

    private static void simplify(char[] table) {
        Transliterator t2s = Transliterator.getInstance("Traditional-Simplified");
        int[][] ranges = {{0x3400, 0x4DBF}, {0x4E00, 0x9FFF}, {0xF900, 0xFAFF}};
        StringBuilder all = new StringBuilder();
        for (int[] r : ranges) {
            for (int c = r[0]; c <= r[1]; c++) {
                all.append((char) c).append('\n');
            }
        }
        String[] out = t2s.transliterate(all.toString()).split("\n", -1);
        int i = 0;
        for (int[] r : ranges) {
            for (int c = r[0]; c <= r[1]; c++, i++) {
                if (out[i].length() == 1) {
                    table[c] = out[i].charAt(0);
                }
            }
        }
    }

    private static void confusables(char[] table) {
        SpoofChecker spoof = new SpoofChecker.Builder().build();
        int[][] ranges = {{0x0370, 0x03FF}, {0x0400, 0x04FF}};
        for (int[] r : ranges) {
            for (int c = r[0]; c <= r[1]; c++) {
                String s = spoof.getSkeleton(String.valueOf(table[c]));
                if (s.length() == 1 && s.charAt(0) < 0x80 && Character.isLetter(s.charAt(0))) {
                    table[c] = Character.toLowerCase(s.charAt(0));
                }
            }
        }
    }

    private static final class Holder {
        static final TextFolding INSTANCE = load();
    }

    /** The folding: the shipped table, read on first use (a few milliseconds). */
    public static TextFolding get() {
        return Holder.INSTANCE;
    }

    private static TextFolding load() {
        try (InputStream in = TextFolding.class.getResourceAsStream(RESOURCE)) {
            return in == null ? fromIcu() : read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the folding table " + RESOURCE, e);
        }
    }

    /** Writes the table: 65,536 chars, then the number of expansions and each as a char and a UTF string. */
    void write(OutputStream out) throws IOException {
        DataOutputStream data = new DataOutputStream(new BufferedOutputStream(out));
        for (char c : table) {
            data.writeChar(c);
        }
        Map<Character, String> sorted = new java.util.TreeMap<>(expansions);
        data.writeInt(sorted.size());
        for (var e : sorted.entrySet()) {
            data.writeChar(e.getKey());
            data.writeUTF(e.getValue());
        }
        data.flush();
    }

    static TextFolding read(InputStream in) throws IOException {
        DataInputStream data = new DataInputStream(new BufferedInputStream(in, 1 << 16));
        char[] table = new char[0x10000];
        for (int c = 0; c < table.length; c++) {
            table[c] = data.readChar();
        }
        Map<Character, String> expansions = new HashMap<>();
        for (int n = data.readInt(); n > 0; n--) {
            expansions.put(data.readChar(), data.readUTF());
        }
        return new TextFolding(table, expansions);
    }

    /** The same folding: the same table and the same expansions. */
    boolean sameAs(TextFolding other) {
        return java.util.Arrays.equals(table, other.table) && expansions.equals(other.expansions);
    }

    /** The folded form of one character: a character, {@link #SEP}, or {@link #DROP}. */
    public char fold(char c) {
        return table[c];
    }

    /**
     * Folds {@code text} onto the end of {@code out}, recording for each output character the index of the input
     * character it came from, plus {@code base} (where {@code text} starts in the whole the caller folds);
     * separators are kept as {@link #SEP}, dropped characters leave nothing.
     */
    public void fold(String text, int base, Folded out) {
        int n = text.length();
        char[] in = out.input(n);
        text.getChars(0, n, in, 0);
        out.reserve(n);
        char[] chars = out.chars;
        int[] origin = out.origin;
        int length = out.length;
        for (int i = 0; i < n; i++) {
            char c = in[i];
            char f = table[c];
            if (f == DROP) {
                continue;
            }
            if (expands[c]) {
                String x = expansions.get(c);
                out.length = length;
                out.reserve(x.length());
                chars = out.chars;
                origin = out.origin;
                for (int k = 0; k < x.length(); k++) {
                    chars[length] = table[x.charAt(k)] == DROP ? x.charAt(k) : table[x.charAt(k)];
                    origin[length++] = base + i;
                }
                out.length = length;
                out.reserve(n - i);
                chars = out.chars;
                origin = out.origin;
                continue;
            }
            chars[length] = f;
            origin[length++] = base + i;
        }
        out.length = length;
    }

    /** Folds a dictionary term the same way, squeezing out separators; returns null for an empty term. */
    public String foldTerm(String term) {
        Folded out = new Folded(term.length() + 8); // a term is short: room for it and an expansion or two
        fold(term, 0, out);
        StringBuilder squeezed = new StringBuilder();
        for (int i = 0; i < out.length; i++) {
            if (out.chars[i] != SEP) {
                squeezed.append(out.chars[i]);
            }
        }
        return squeezed.isEmpty() ? null : squeezed.toString();
    }

    /**
     * Folded text: the characters, and for each the index in the original text it came from; reused from listing
     * to listing (it grows to the longest text seen, never shrinks).
     */
    public static final class Folded {
        char[] chars;
        int[] origin;
        int length;
        private char[] input;

        public Folded() {
            this(256);
        }

        /** Room for {@code capacity} characters to begin with. */
        Folded(int capacity) {
            chars = new char[capacity];
            origin = new int[capacity];
            input = new char[capacity];
        }

        /** Empties it for the next text. */
        public void clear() {
            length = 0;
        }

        public int length() {
            return length;
        }

        public char charAt(int i) {
            return chars[i];
        }

        /** Where in the original text the folded character {@code i} came from. */
        public int origin(int i) {
            return origin[i];
        }

        /** The folded characters {@code [from, to)}. */
        public String substring(int from, int to) {
            return new String(chars, from, to - from);
        }

        /** Appends a character standing for the original character at {@code from}. */
        public void append(char c, int from) {
            reserve(1);
            chars[length] = c;
            origin[length++] = from;
        }

        /** Room for {@code more} characters after the current ones. */
        void reserve(int more) {
            if (length + more > chars.length) {
                int size = Math.max(chars.length * 2, length + more);
                chars = java.util.Arrays.copyOf(chars, size);
                origin = java.util.Arrays.copyOf(origin, size);
            }
        }

        /** A scratch array for {@code n} input characters. */
        char[] input(int n) {
            if (input.length < n) {
                input = new char[Math.max(n, input.length * 2)];
            }
            return input;
        }
    }
}
