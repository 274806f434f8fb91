package org.redflag.app.listing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

class FlagStorageTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private static Map<String, Object> keywordEvidence(int matches, int textLength, Random r) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (int i = 0; i < matches; i++) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("text", "x".repeat(1 + r.nextInt(textLength)));
            m.put("start", i * 3);
            m.put("end", i * 3 + 2);
            m.put("term", "高仿");
            m.put("kind", "ALONE");
            list.add(m);
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("matches", list);
        ev.put("brands", List.of("Gucci"));
        return ev;
    }

    @Test
    void evidence_that_fits_is_stored_as_it_is() {
        var ev = keywordEvidence(3, 10, new Random(1));
        assertThat(FlagStorage.evidence(ev)).isEqualTo(JSON.writeValueAsString(ev));
    }

    @Test
    @SuppressWarnings("unchecked")
    void too_many_matches_keep_the_most_that_fit_in_order_and_the_count_found() {
        Random r = new Random(7);
        for (int round = 0; round < 50; round++) {
            int n = 50 + r.nextInt(3000);
            var ev = keywordEvidence(n, 1 + r.nextInt(400), r);
            String stored = FlagStorage.evidence(ev);
            assertThat(stored.length()).isLessThanOrEqualTo(FlagStorage.MAX_EVIDENCE);
            Map<String, Object> back = JSON.readValue(stored, Map.class);
            if (JSON.writeValueAsString(ev).length() <= FlagStorage.MAX_EVIDENCE) {
                assertThat(back).doesNotContainKey("matchesFound");
                continue;
            }
            assertThat(back.get("matchesFound")).isEqualTo(n);
            assertThat(back.get("brands")).isEqualTo(List.of("Gucci"));
            List<?> kept = (List<?>) back.get("matches");
            assertThat(kept).isNotEmpty().hasSizeLessThan(n);
            for (int i = 0; i < kept.size(); i++) {
                Map<?, ?> k = (Map<?, ?>) kept.get(i);
                assertThat(k.get("start")).as("in order").isEqualTo(i * 3);
                assertThat(((String) k.get("text")).length()).isLessThanOrEqualTo(FlagStorage.MAX_MATCH_TEXT);
            }
            // the next match would not have fitted
            Map<String, Object> next = new LinkedHashMap<>((Map<String, Object>) ((List<?>) ev.get("matches"))
                    .get(kept.size()));
            next.put("text", org.redflag.app.infrastructure.ColumnText.fit((String) next.get("text"), FlagStorage.MAX_MATCH_TEXT));
            Map<String, Object> oneMore = new LinkedHashMap<>(JSON.readValue(stored, Map.class));
            List<Object> more = new ArrayList<>(kept);
            more.add(next);
            oneMore.put("matches", more);
            assertThat(JSON.writeValueAsString(oneMore).length()).isGreaterThan(FlagStorage.MAX_EVIDENCE);
        }
    }

    @Test
    void evidence_too_big_without_matches_to_drop_says_so_in_valid_json() {
        String stored = FlagStorage.evidence(Map.of("brands", List.of("b".repeat(9000))));
        assertThat(JSON.readValue(stored, Map.class).get("omitted").toString()).contains("more than the 8000");
    }

    private static boolean loneSurrogate(int codePoint) {
        return codePoint >= Character.MIN_SURROGATE && codePoint <= Character.MAX_SURROGATE;
    }

    @Test
    void a_cut_never_splits_a_surrogate_pair_and_ends_in_an_ellipsis() {
        String emoji = "😀".repeat(1500); // 3,000 chars
        String cut = FlagStorage.detail(emoji);
        assertThat(cut).hasSizeLessThanOrEqualTo(FlagStorage.MAX_DETAIL).endsWith("…");
        assertThat(cut.codePoints().filter(FlagStorageTests::loneSurrogate).count()).isZero();
        String odd = "a" + emoji; // the cut falls inside a pair
        assertThat(FlagStorage.detail(odd).codePoints().filter(FlagStorageTests::loneSurrogate).count()).isZero();
        assertThat(FlagStorage.detail("short")).isEqualTo("short");
    }
}
