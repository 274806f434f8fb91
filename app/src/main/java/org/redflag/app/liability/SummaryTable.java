package org.redflag.app.liability;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import org.redflag.liability.Assessment;
import org.redflag.liability.CaseFacts;

/** The table that ends a batch: one row per case, agreement with the expected outcome, and the misses. */
final class SummaryTable {

    private static final String[] HEADER = {"CASE", "PACK", "DUTY", "KNOWLEDGE", "LIABILITY", "EXPECTED", "AGREES"};

    private final List<String[]> rows = new ArrayList<>();
    private final List<String> misses = new ArrayList<>();
    private int withExpected;
    private int agreeing;
    private int bad;

    void add(Assessment a) {
        CaseFacts.Expected e = a.input().expected();
        String expected = "-";
        String agrees = "-";
        if (a.agreesWithExpected().isPresent()) {
            withExpected++;
            List<String> parts = new ArrayList<>();
            if (e.platformLiable() != null) {
                parts.add(e.platformLiable() ? "liable" : "not liable");
            }
            if (e.knowledge() != null) {
                parts.add(e.knowledge());
            }
            expected = String.join(", ", parts);
            boolean ok = a.agreesWithExpected().get();
            agrees = ok ? "yes" : "NO";
            if (ok) {
                agreeing++;
            } else {
                misses.add(a.input().id() + ": expected " + expected + ", assessed "
                        + (a.platformLiable() ? "liable" : "not liable") + ", " + a.knowledge());
            }
        }
        rows.add(new String[] {a.input().id(), a.pack().id(), a.dutyOfCare().name(), a.knowledge().name(),
            a.liability().name(), expected, agrees});
    }

    void addBad(String name) {
        bad++;
        rows.add(new String[] {name, "-", "-", "-", "INVALID INPUT", "-", "-"});
    }

    int size() {
        return rows.size();
    }

    boolean anyMiss() {
        return !misses.isEmpty();
    }

    void print(PrintWriter out) {
        int[] width = new int[HEADER.length];
        for (int i = 0; i < HEADER.length; i++) {
            width[i] = HEADER[i].length();
        }
        for (String[] r : rows) {
            for (int i = 0; i < r.length; i++) {
                width[i] = Math.max(width[i], r[i].length());
            }
        }
        line(out, HEADER, width);
        StringBuilder rule = new StringBuilder();
        for (int i = 0; i < width.length; i++) {
            rule.append("-".repeat(width[i])).append(i < width.length - 1 ? "  " : "");
        }
        out.println(rule);
        rows.forEach(r -> line(out, r, width));
        out.println();
        int assessed = rows.size() - bad;
        out.printf("%d case%s assessed", assessed, assessed == 1 ? "" : "s");
        if (bad > 0) {
            out.printf(", %d invalid", bad);
        }
        if (withExpected > 0) {
            out.printf("; %d of %d with an expected outcome agree", agreeing, withExpected);
        }
        out.println(".");
        if (!misses.isEmpty()) {
            out.println("Misses:");
            misses.forEach(m -> out.println("  " + m));
        }
        out.flush();
    }

    private static void line(PrintWriter out, String[] cells, int[] width) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < cells.length; i++) {
            sb.append(i < cells.length - 1 ? String.format("%-" + width[i] + "s  ", cells[i]) : cells[i]);
        }
        out.println(sb);
    }
}
