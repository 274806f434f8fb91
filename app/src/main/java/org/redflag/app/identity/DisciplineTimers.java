package org.redflag.app.identity;

import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/** The persistent timer of a freeze: its funds are released when the pack's period ends, across restarts. */
@Configuration
public class DisciplineTimers {

    @Bean
    OneTimeTask<Void> frozenFundsRelease(@Lazy SellerDiscipline discipline) {
        return Tasks.oneTime(SellerDiscipline.RELEASE)
                .execute((i, ctx) -> discipline.release(Long.parseLong(i.getId())));
    }
}
