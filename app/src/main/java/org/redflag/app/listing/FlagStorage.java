package org.redflag.app.listing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redflag.app.infrastructure.ColumnText;
import tools.jackson.databind.json.JsonMapper;

/**
 * A red flag as its row holds it ({@code listing_flags}): the detail in at most {@value #MAX_DETAIL} characters and
 * the evidence as JSON in at most {@value #MAX_EVIDENCE}, always whole JSON. A listing whose description repeats a
 * term thousands of times raises one flag with thousands of matches; the row keeps as many matches as fit, each
 * text cut to {@value #MAX_MATCH_TEXT} characters, and says how many were found ({@code matchesFound}), so the
 * evidence still reads and the count is not lost.
 */
final class FlagStorage {

    static final int MAX_DETAIL = 2000;
    static final int MAX_EVIDENCE = 8000;
    static final int MAX_MATCH_TEXT = 200;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private FlagStorage() {
    }

    static String detail(String detail) {
        return ColumnText.fit(detail, MAX_DETAIL);
    }

    static String evidence(Map<String, Object> evidence) {
        String json = JSON.writeValueAsString(evidence);
        if (json.length() <= MAX_EVIDENCE) {
            return json;
        }
        Map<String, Object> shorter = new LinkedHashMap<>(evidence);
        if (evidence.get("matches") instanceof List<?> matches) {
            List<Object> cutMatches = new ArrayList<>(matches.size());
            matches.forEach(m -> cutMatches.add(cutStrings(m)));
            shorter.put("matchesFound", matches.size());
            // the most matches that fit, found by halving: the sizes add up, so fewer never needs more room
            int fits = -1;
            for (int lo = 0, hi = cutMatches.size(); lo <= hi; ) {
                int mid = (lo + hi) >>> 1;
                shorter.put("matches", cutMatches.subList(0, mid));
                if (JSON.writeValueAsString(shorter).length() <= MAX_EVIDENCE) {
                    fits = mid;
                    lo = mid + 1;
                } else {
                    hi = mid - 1;
                }
            }
            if (fits >= 0) {
                shorter.put("matches", cutMatches.subList(0, fits));
                return JSON.writeValueAsString(shorter);
            }
        }
        Map<String, Object> omitted = new LinkedHashMap<>();
        omitted.put("omitted", "the evidence was " + json.length() + " characters of JSON, more than the "
                + MAX_EVIDENCE + " a flag stores");
        return JSON.writeValueAsString(omitted);
    }

    private static Object cutStrings(Object match) {
        if (!(match instanceof Map<?, ?> m)) {
            return match;
        }
        Map<Object, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof String s ? ColumnText.fit(s, MAX_MATCH_TEXT) : v));
        return out;
    }
}
