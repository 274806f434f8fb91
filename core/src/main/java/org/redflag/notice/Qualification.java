package org.redflag.notice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.redflag.law.NoticeElement;
import org.redflag.law.NoticeRules;

/**
 * Whether a notice is qualified under a pack: it contains every element the pack requires. Rule
 * {@code notice.qualification}: PRC E-Commerce Law Art. 42 and Civil Code Art. 1195 (prima facie evidence and the
 * right holder's true identity), DSA Art. 16(2), DMCA §512(c)(3); the exact list is the pack's.
 *
 * <p>A court's finding ({@code qualified} in the case) takes precedence over the element check, as the case schema
 * provides for notices whose elements are not known. The language of a notice is never a deficiency: a deficiency
 * that speaks of language or translation is recorded as ignored. Any other listed deficiency that names a required
 * element removes that element; one that names nothing the pack requires is recorded and does not disqualify.
 *
 * @param missing the required elements the notice lacks
 * @param ignoredDeficiencies deficiencies about language, set aside
 * @param otherDeficiencies deficiencies that name no required element
 */
public record Qualification(boolean qualified, boolean byCourtFinding, List<NoticeRules.RequiredElement> missing,
                            List<String> ignoredDeficiencies, List<String> otherDeficiencies) {

    private static final Pattern LANGUAGE = Pattern.compile("(?i).*(language|translat|语言|語言|翻译|翻譯|langue|sprache).*");

    public static Qualification of(Notice notice, NoticeRules rules) {
        NoticeElements elements = notice.elements() == null ? NoticeElements.NONE : notice.elements();
        List<String> ignored = new ArrayList<>();
        List<String> other = new ArrayList<>();
        for (String d : notice.deficiencies()) {
            if (LANGUAGE.matcher(d).matches()) {
                ignored.add(d);
                continue;
            }
            var named = NoticeElement.byKey(d.trim().replace(" ", ""));
            if (named.isPresent()) {
                elements = elements.without(named.get());
            } else {
                other.add(d);
            }
        }
        List<NoticeRules.RequiredElement> missing = new ArrayList<>();
        for (NoticeRules.RequiredElement r : rules.requiredElements()) {
            if (!elements.has(r.element())) {
                missing.add(r);
            }
        }
        boolean byCourt = notice.qualified() != null;
        boolean qualified = byCourt ? notice.qualified() : missing.isEmpty();
        return new Qualification(qualified, byCourt, missing, ignored, other);
    }

    /** "proof of rights, listing location". */
    public String missingWords() {
        List<String> words = new ArrayList<>();
        missing.forEach(m -> words.add(m.element().key().replaceAll("([A-Z])", " $1").toLowerCase(Locale.ROOT)));
        return String.join(", ", words);
    }
}
