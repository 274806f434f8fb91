package org.redflag.law;

import java.util.List;
import java.util.Set;

/** One necessary measure: any one of {@code anyOf} satisfies it. */
public record MeasureGroup(Set<ActionType> anyOf, String text, List<String> references) {

    public MeasureGroup {
        anyOf = Set.copyOf(anyOf);
        references = List.copyOf(references);
    }
}
