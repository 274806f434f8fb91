package org.redflag.liability;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The bounds that summarise a group's actions answer as asking each action in turn would. */
class MeasuresTimingTests {

    private static FactTime time(Random r) {
        Instant earliest = Instant.ofEpochSecond(1_700_000_000L + r.nextInt(20) * 43_200L);
        // known to the second, or only to the day
        Instant latest = r.nextBoolean() ? earliest : earliest.plusSeconds(86_399);
        return new FactTime(earliest, latest, null);
    }

    /** The answer of the loop the bounds replace: in time at the first action certainly in time. */
    private static String byEachAction(List<FactTime> taken, FactTime due) {
        boolean uncertain = false;
        boolean late = false;
        for (FactTime t : taken) {
            switch (t.notLaterThan(due)) {
                case CERTAIN -> {
                    return "in time";
                }
                case UNCERTAIN -> uncertain = true;
                case NEVER -> late = true;
            }
        }
        return (uncertain ? "uncertain " : "") + (late ? "late" : "");
    }

    private static String byBounds(MeasuresRule.Taken taken, FactTime due) {
        if (taken.anyCertainlyBy(due)) {
            return "in time";
        }
        return (taken.anyPossiblyBy(due) ? "uncertain " : "") + (taken.anyCertainlyAfter(due) ? "late" : "");
    }

    @Test
    void the_bounds_of_any_actions_answer_as_each_action_would() {
        Random r = new Random(11);
        for (int round = 0; round < 20_000; round++) {
            List<FactTime> list = new ArrayList<>();
            MeasuresRule.Taken taken = MeasuresRule.Taken.NONE;
            int n = r.nextInt(6);
            for (int i = 0; i < n; i++) {
                FactTime t = time(r);
                list.add(t);
                taken = taken.with(t);
            }
            FactTime due = time(r);
            assertThat(byBounds(taken, due)).as("round %d: %s against %s", round, list, due)
                    .isEqualTo(byEachAction(list, due));
            assertThat(taken.count()).isEqualTo(n);
        }
    }
}
