package org.redflag.evidence;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

/**
 * The bundle's summary for filing, in Chinese and English: what the bundle holds, the tree head and its time-stamp,
 * each item with its hash and chain of custody, and how to verify it. The font (Droid Sans Fallback, Apache 2.0)
 * ships in the jar; the subset used is embedded.
 */
public final class SummaryPdf {

    private static final float MARGIN = 50;
    private static final float LEADING = 14;

    private SummaryPdf() {
    }

    /** One line of the summary; a line starting with "#" is a heading. */
    public static byte[] render(List<String> lines) {
        try (PDDocument doc = new PDDocument(); InputStream font = SummaryPdf.class.getResourceAsStream(
                "/org/redflag/evidence/fonts/DroidSansFallbackFull.ttf")) {
            PDFont cjk = PDType0Font.load(doc, font);
            PDFont latin = new org.apache.pdfbox.pdmodel.font.PDType1Font(
                    org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA);
            List<String> wrapped = new ArrayList<>();
            for (String l : lines) {
                wrapped.addAll(wrap(l, 86));
            }
            int perPage = (int) ((PDRectangle.A4.getHeight() - 2 * MARGIN) / LEADING);
            for (int from = 0; from < wrapped.size(); from += perPage) {
                PDPage page = new PDPage(PDRectangle.A4);
                doc.addPage(page);
                try (PDPageContentStream s = new PDPageContentStream(doc, page)) {
                    float y = PDRectangle.A4.getHeight() - MARGIN;
                    for (String line : wrapped.subList(from, Math.min(wrapped.size(), from + perPage))) {
                        boolean heading = line.startsWith("#");
                        float size = heading ? 12 : 9;
                        s.beginText();
                        s.newLineAtOffset(MARGIN, y);
                        for (Run run : runs(heading ? line.substring(1).trim() : line, latin)) {
                            s.setFont(run.cjk() ? cjk : latin, size);
                            s.showText(run.text());
                        }
                        s.endText();
                        y -= LEADING;
                    }
                }
            }
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the summary PDF", e);
        }
    }

    private record Run(String text, boolean cjk) {
    }

    /** Splits a line into runs for the Latin font and the CJK font; what neither can show becomes '?'. */
    private static List<Run> runs(String line, PDFont latin) {
        List<Run> out = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean[] currentCjk = {false};
        line.codePoints().forEach(cp -> {
            boolean cjk = cp >= 0x2E80;
            String c = new String(Character.toChars(cp));
            if (!cjk) {
                try {
                    latin.encode(c);
                } catch (IOException | IllegalArgumentException e) {
                    c = "?";
                }
            }
            if (cjk != currentCjk[0] && current.length() > 0) {
                out.add(new Run(current.toString(), currentCjk[0]));
                current.setLength(0);
            }
            currentCjk[0] = cjk;
            current.append(c);
        });
        if (current.length() > 0) {
            out.add(new Run(current.toString(), currentCjk[0]));
        }
        return out;
    }

    private static List<String> wrap(String line, int width) {
        List<String> out = new ArrayList<>();
        String rest = line;
        while (rest.codePointCount(0, rest.length()) > width) {
            int cut = rest.offsetByCodePoints(0, width);
            int space = rest.lastIndexOf(' ', cut);
            int at = space > width / 2 ? space : cut;
            out.add(rest.substring(0, at));
            rest = "    " + rest.substring(at).trim();
        }
        out.add(rest);
        return out;
    }
}
