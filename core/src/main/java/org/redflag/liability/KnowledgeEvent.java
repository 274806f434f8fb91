package org.redflag.liability;

import java.util.List;
import java.util.Optional;
import org.redflag.law.MeasureGroup;
import org.redflag.law.RedFlag;

/**
 * A moment from which the platform knew, or should have known, and so had to act: a qualified notice, or a red flag
 * that counts at its duty level. {@code extraMeasure} is a fact that counts as taking the measures (a foreign order
 * given effect).
 *
 * @param since when knowledge arose, empty where the case does not say
 */
record KnowledgeEvent(Knowledge tier, Optional<RedFlag> flag, String label, Optional<FactTime> since,
                      List<MeasureGroup> measures, List<String> citations, Optional<FactTime> extraMeasure) {
}
