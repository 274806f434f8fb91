package org.redflag.law;

import java.util.List;

/** What makes a notice qualified, how long the platform has to answer it, and what it must do. */
public record NoticeRules(List<RequiredElement> requiredElements, List<String> languageNeutralReferences,
                          TimeLimit responseDeadline, List<MeasureGroup> measures) {

    public NoticeRules {
        requiredElements = List.copyOf(requiredElements);
        languageNeutralReferences = List.copyOf(languageNeutralReferences);
        measures = List.copyOf(measures);
    }

    public record RequiredElement(NoticeElement element, String text, List<String> references) {
        public RequiredElement {
            references = List.copyOf(references);
        }
    }
}
