package org.redflag.screening;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A clean listing's line, written as it stands, is the line the JSON generator writes for it. */
class ResultWriterTests {

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
        return ResultWriter.JSON_LINES.writeValueAsString(m) + "\n";
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
}
