package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The lines the writer writes are the lines the JSON generator writes for the same results, clean or flagged. */
@SuppressWarnings("unchecked")
class ResultWriterTests {

    /** Jackson's generator, the reference: lines, no separator between values but the newline written after each. */
    static final tools.jackson.databind.json.JsonMapper JSON = tools.jackson.databind.json.JsonMapper.builder(
            tools.jackson.core.json.JsonFactory.builder().rootValueSeparator((String) null).build()).build();

    static String written(Screener.Result... results) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ResultWriter w = new ResultWriter(out)) {
            for (Screener.Result r : results) {
                w.write(r);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    static String generated(String id) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listingId", id);
        m.put("flags", List.of());
        m.put("risk", 0.0);
        return JSON.writeValueAsString(m) + "\n";
    }

    @Test
    void clean_lines_are_the_generators_lines_for_any_id() {
        Random r = new Random(3);
        StringBuilder expected = new StringBuilder();
        Screener.Result[] results = new Screener.Result[3000];
        for (int i = 0; i < results.length; i++) {
            StringBuilder id = new StringBuilder();
            for (int k = r.nextInt(12); k >= 0; k--) {
                id.append(switch (r.nextInt(6)) {
                    case 0 -> (char) r.nextInt(0x20); // control characters, escaped
                    case 1 -> "\"\\/".charAt(r.nextInt(3));
                    case 2 -> (char) (0x7f + r.nextInt(0x700)); // DEL and beyond ASCII
                    case 3 -> "高仿".charAt(r.nextInt(2));
                    default -> (char) (0x20 + r.nextInt(0x5f));
                });
            }
            results[i] = new Screener.Result(id.toString(), List.of(), 0.0);
            expected.append(generated(id.toString()));
        }
        assertThat(written(results)).isEqualTo(expected.toString());
        assertThat(written(new Screener.Result("L7", List.of(), 0.0))).isEqualTo(
                "{\"listingId\":\"L7\",\"flags\":[],\"risk\":0.0}\n");
    }

    /** Text of every kind a listing may bring: escapes, non-ASCII, pairs and halves of pairs. */
    static String text(Random r) {
        StringBuilder s = new StringBuilder();
        for (int k = r.nextInt(10); k >= 0; k--) {
            switch (r.nextInt(8)) {
                case 0 -> s.append((char) r.nextInt(0x20));
                case 1 -> s.append("\"\\/".charAt(r.nextInt(3)));
                case 2 -> s.append((char) (0x7f + r.nextInt(0x800)));
                case 3 -> s.append("高仿精仿€".charAt(r.nextInt(5)));
                case 4 -> s.appendCodePoint(0x1F600 + r.nextInt(80)); // a pair
                case 5 -> s.append((char) (0xD800 + r.nextInt(0x800))); // half of one
                default -> s.append((char) (0x20 + r.nextInt(0x5f)));
            }
        }
        return s.toString();
    }

    static Object value(Random r, int depth) {
        return switch (r.nextInt(depth > 2 ? 8 : 10)) {
            case 0 -> text(r);
            case 1 -> r.nextInt();
            case 2 -> r.nextLong();
            case 3 -> r.nextDouble() * Math.pow(10, r.nextInt(50) - 25);
            case 4 -> List.of(0.0, -0.0, 0.1 + 0.2, 1e7, 1e-3, 1e-4, 100.0, Double.NaN,
                    Double.POSITIVE_INFINITY).get(r.nextInt(9));
            case 5 -> new java.math.BigDecimal(r.nextInt(100_000)).movePointLeft(r.nextInt(12) - 3);
            case 6 -> null;
            case 7 -> r.nextBoolean();
            case 8 -> {
                Map<String, Object> m = new LinkedHashMap<>();
                for (int k = r.nextInt(4); k > 0; k--) {
                    m.put(text(r), value(r, depth + 1));
                }
                if (r.nextBoolean()) { // the screener's kind of map
                    Fields fields = new Fields();
                    m.forEach(fields::with);
                    yield fields;
                }
                yield m;
            }
            default -> {
                List<Object> l = new java.util.ArrayList<>();
                for (int k = r.nextInt(4); k > 0; k--) {
                    l.add(value(r, depth + 1));
                }
                yield l;
            }
        };
    }

    /** What the generator writes for a result: the same fields, in the same order. */
    static String generated(Screener.Result result) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("listingId", result.listingId());
        List<Map<String, Object>> flags = new java.util.ArrayList<>();
        for (Screener.Flag f : result.flags()) {
            Map<String, Object> flag = new LinkedHashMap<>();
            flag.put("code", f.code().name());
            flag.put("detail", f.detail());
            flag.put("evidence", f.evidence());
            flag.put("citations", f.citations());
            flags.add(flag);
        }
        m.put("flags", flags);
        m.put("risk", result.risk());
        // as bytes: the UTF-8 generator, which escapes half a surrogate pair (the text one leaves it as it is)
        return new String(JSON.writeValueAsBytes(m), StandardCharsets.UTF_8) + "\n";
    }

    /** The generator writes a Boolean of the evidence as JSON true or false; the writer as the string it reads. */
    static Object booleansAsStrings(Object v) {
        if (v instanceof Boolean b) {
            return b.toString();
        }
        if (v instanceof Map<?, ?> m) {
            Map<Object, Object> copy = new LinkedHashMap<>();
            m.forEach((k, x) -> copy.put(k, booleansAsStrings(x)));
            return copy;
        }
        if (v instanceof List<?> l) {
            return l.stream().map(ResultWriterTests::booleansAsStrings).toList();
        }
        return v;
    }

    @Test
    void flagged_lines_are_the_generators_lines_for_any_evidence() {
        Random r = new Random(11);
        org.redflag.law.RedFlag[] codes = org.redflag.law.RedFlag.values();
        StringBuilder expected = new StringBuilder();
        Screener.Result[] results = new Screener.Result[3000];
        for (int i = 0; i < results.length; i++) {
            List<Screener.Flag> flags = new java.util.ArrayList<>();
            for (int k = 1 + r.nextInt(3); k > 0; k--) {
                Map<String, Object> evidence = new LinkedHashMap<>();
                for (int e = r.nextInt(5); e > 0; e--) {
                    evidence.put(text(r), value(r, 0));
                }
                if (r.nextBoolean()) {
                    Fields fields = new Fields();
                    evidence.forEach(fields::with);
                    evidence = fields;
                }
                List<String> citations = new java.util.ArrayList<>();
                for (int c = r.nextInt(3); c > 0; c--) {
                    citations.add(text(r));
                }
                flags.add(new Screener.Flag(codes[r.nextInt(codes.length)], text(r), evidence, citations, 0.5));
            }
            results[i] = new Screener.Result(text(r), flags, r.nextInt(1001) / 1000.0);
            List<Screener.Flag> asStrings = flags.stream().map(f -> new Screener.Flag(f.code(), f.detail(),
                    (Map<String, Object>) booleansAsStrings(f.evidence()), f.citations(), f.weight())).toList();
            expected.append(generated(new Screener.Result(results[i].listingId(), asStrings, results[i].risk())));
        }
        String[] lines = written(results).split("\n", -1);
        String[] expectedLines = expected.toString().split("\n", -1);
        for (int i = 0; i < expectedLines.length; i++) { // line by line: a difference is shown where it is
            assertThat(lines[i]).as("line %d", i + 1).isEqualTo(expectedLines[i]);
        }
        assertThat(lines).hasSameSizeAs(expectedLines);
    }

    /**
     * Keys, codes, citations and figures that come back result after result as the same objects (as the screener's
     * do) are written as the first time, whatever else has come between: more of them than the writer keeps, so
     * that they take each other's places; zero and minus zero; integers of every length.
     */
    @Test
    void repeated_keys_citations_and_figures_are_written_as_the_first_time() {
        Random r = new Random(23);
        String[] names = new String[150];
        for (int i = 0; i < names.length; i++) {
            names[i] = i % 3 == 0 ? text(r) : "key" + i; // some escaped, non-ASCII, empty
        }
        double[] figures = new double[80];
        for (int i = 0; i < figures.length; i++) {
            figures[i] = switch (i % 4) {
                case 0 -> 0.0;
                case 1 -> -0.0;
                case 2 -> r.nextInt(1001) / 1000.0;
                default -> r.nextDouble() * Math.pow(10, r.nextInt(30) - 15);
            };
        }
        long[] integers = {0, 7, 9, 10, 99, 100, 12345, Integer.MAX_VALUE, Long.MAX_VALUE, -1, Long.MIN_VALUE};
        org.redflag.law.RedFlag[] codes = org.redflag.law.RedFlag.values();
        Screener.Result[] results = new Screener.Result[3000];
        StringBuilder expected = new StringBuilder();
        for (int i = 0; i < results.length; i++) {
            Map<String, Object> evidence = new LinkedHashMap<>();
            for (int e = r.nextInt(6); e > 0; e--) {
                long integer = integers[r.nextInt(integers.length)];
                evidence.put(names[r.nextInt(names.length)], switch (r.nextInt(4)) {
                    case 0 -> figures[r.nextInt(figures.length)];
                    case 1 -> integer;
                    case 2 -> (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, integer));
                    default -> List.of(Map.of(names[r.nextInt(names.length)], figures[r.nextInt(figures.length)]));
                });
            }
            List<String> citations = List.of(names[r.nextInt(names.length)], names[r.nextInt(names.length)]);
            Screener.Flag flag = new Screener.Flag(codes[r.nextInt(codes.length)], "detail", evidence, citations,
                    0.5);
            results[i] = new Screener.Result("L" + i, List.of(flag), figures[r.nextInt(figures.length)]);
            expected.append(generated(results[i]));
        }
        String[] lines = written(results).split("\n", -1);
        String[] expectedLines = expected.toString().split("\n", -1);
        for (int i = 0; i < expectedLines.length; i++) {
            assertThat(lines[i]).as("line %d", i + 1).isEqualTo(expectedLines[i]);
        }
        assertThat(lines).hasSameSizeAs(expectedLines);
    }
}
