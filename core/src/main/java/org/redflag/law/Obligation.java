package org.redflag.law;

import java.util.List;

/** Something a platform at a duty level is expected to have in place, checked against a {@link PlatformMeasure}. */
public record Obligation(PlatformMeasure measure, String text, List<String> references) {

    public Obligation {
        references = List.copyOf(references);
    }
}
