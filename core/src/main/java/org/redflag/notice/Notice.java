package org.redflag.notice;

import java.util.List;

/**
 * A notice of infringement as a case records it. {@code qualified}, {@code accurate} and {@code goodFaith} are
 * {@code null} where the case does not say: the difference between "not said" and "false" matters for them (an
 * absent {@code accurate} does not make a notice erroneous).
 *
 * @param receivedAt ISO-8601 date or date-time, or null where unknown
 * @param language BCP-47 tag; recorded, never a reason to refuse a notice
 */
public record Notice(
        String id,
        String receivedAt,
        String language,
        NoticeElements elements,
        Boolean qualified,
        List<String> deficiencies,
        Boolean accurate,
        Boolean goodFaith,
        boolean legalComparisonReport) {

    public Notice {
        deficiencies = deficiencies == null ? List.of() : List.copyOf(deficiencies);
    }

    public Notice withReceivedAt(String at) {
        return new Notice(id, at, language, elements, qualified, deficiencies, accurate, goodFaith,
                legalComparisonReport);
    }

    public Notice withLanguage(String tag) {
        return new Notice(id, receivedAt, tag, elements, qualified, deficiencies, accurate, goodFaith,
                legalComparisonReport);
    }

    public Notice withQualified(Boolean q) {
        return new Notice(id, receivedAt, language, elements, q, deficiencies, accurate, goodFaith,
                legalComparisonReport);
    }

    public Notice withElements(NoticeElements e) {
        return new Notice(id, receivedAt, language, e, qualified, deficiencies, accurate, goodFaith,
                legalComparisonReport);
    }

    /** "notice n-1" or "notice #2" (1-based position) for prose. */
    public String label(int index) {
        return id != null ? "notice " + id : "notice #" + (index + 1);
    }
}
