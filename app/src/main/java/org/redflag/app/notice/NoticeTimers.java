package org.redflag.app.notice;

import com.github.kagkarlsson.scheduler.SchedulerClient;
import com.github.kagkarlsson.scheduler.task.SchedulableInstance;
import com.github.kagkarlsson.scheduler.task.TaskInstance;
import com.github.kagkarlsson.scheduler.task.helper.OneTimeTask;
import com.github.kagkarlsson.scheduler.task.helper.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Lazy;

/**
 * The statutory clocks as persistent timers (db-scheduler, in the database): a warning before a response deadline,
 * the breach at it, and the end of a waiting period. They survive restarts; each handler checks the notice's state,
 * so a timer that fires twice, or after the notice moved on, changes nothing.
 */
@Configuration
public class NoticeTimers {

    static final String WARNING = "response-deadline-warning";
    static final String BREACH = "response-deadline-breach";
    static final String WAITING_PERIOD_END = "waiting-period-end";

    private final ObjectProvider<SchedulerClient> scheduler;
    private final double warnAt;

    public NoticeTimers(@Lazy ObjectProvider<SchedulerClient> scheduler,
                        @Value("${redflag.deadlines.warn-at-fraction:0.75}") double warnAt) {
        if (!(warnAt > 0 && warnAt < 1)) {
            throw new org.redflag.app.problem.BadSetting("redflag.deadlines.warn-at-fraction", "expected a fraction"
                    + " of the response period above 0 and below 1; found " + warnAt);
        }
        this.scheduler = scheduler;
        this.warnAt = warnAt;
    }

    /** The warning; it sets the breach timer in turn, or escalates at once if the deadline has passed too. */
    @Bean
    OneTimeTask<Void> deadlineWarning(@Lazy NoticeActions actions) {
        return Tasks.oneTime(WARNING).execute((i, ctx) -> actions.warn(Long.parseLong(i.getId())));
    }

    @Bean
    OneTimeTask<Void> deadlineBreach(@Lazy NoticeActions actions) {
        return Tasks.oneTime(BREACH).execute((i, ctx) -> actions.escalate(Long.parseLong(i.getId()), 2));
    }

    /**
     * The scheduler writes its timers in the caller's transaction: a notice and its timers commit together. On H2,
     * for which db-scheduler has no settings of its own (and would warn of it at every start), it reads and writes
     * times as it does by default: the columns are {@code TIMESTAMP WITH TIME ZONE}, so an instant comes back as
     * it went in whatever the server's time zone.
     */
    @Bean
    com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer transactionalTimers(
            javax.sql.DataSource dataSource, @Value("${spring.datasource.url:}") String url) {
        var proxy = new org.springframework.jdbc.datasource.TransactionAwareDataSourceProxy(dataSource);
        return new com.github.kagkarlsson.scheduler.boot.config.DbSchedulerCustomizer() {
            @Override
            public java.util.Optional<javax.sql.DataSource> dataSource() {
                return java.util.Optional.of(proxy);
            }

            @Override
            public java.util.Optional<com.github.kagkarlsson.scheduler.jdbc.JdbcCustomization> jdbcCustomization() {
                return url.startsWith("jdbc:h2:")
                        ? java.util.Optional.of(new com.github.kagkarlsson.scheduler.jdbc.DefaultJdbcCustomization(false))
                        : java.util.Optional.empty();
            }
        };
    }

    @Bean
    OneTimeTask<Void> waitingPeriodEnd(@Lazy NoticeActions actions) {
        return Tasks.oneTime(WAITING_PERIOD_END).execute((i, ctx) ->
                actions.restoreAfterWaitingPeriod(Long.parseLong(i.getId())));
    }

    /** A response deadline of a notice, running from {@code from}. */
    record Deadline(long noticeId, Instant from, Instant deadline) {
    }

    /**
     * Sets the warning timers of new notices' response deadlines, in one batch: the notices are new, so none of their
     * timers can exist yet. The warning sets the breach timer when it fires.
     */
    void deadlines(List<Deadline> deadlines) {
        if (!deadlines.isEmpty()) {
            scheduler.getObject().scheduleBatch(deadlines.stream().<SchedulableInstance<?>>map(d ->
                    SchedulableInstance.of(warning(d.noticeId()), warningAt(d))).toList());
        }
    }

    /** Sets the warning timer of a response deadline that runs again, unless one is set. */
    void deadline(long noticeId, Instant from, Instant deadline) {
        scheduler.getObject().scheduleIfNotExists(warning(noticeId), warningAt(new Deadline(noticeId, from,
                deadline)));
    }

    /** At the configured share of the response period. */
    private Instant warningAt(Deadline d) {
        long period = Duration.between(d.from(), d.deadline()).toMillis();
        return d.from().plusMillis((long) (period * warnAt));
    }

    private static TaskInstance<Void> warning(long noticeId) {
        return new TaskInstance<>(WARNING, Long.toString(noticeId));
    }

    void breach(long noticeId, Instant deadline) {
        schedule(BREACH, noticeId, deadline);
    }

    void waitingPeriod(long noticeId, Instant ends) {
        schedule(WAITING_PERIOD_END, noticeId, ends);
    }

    private void schedule(String task, long noticeId, Instant at) {
        scheduler.getObject().scheduleIfNotExists(new TaskInstance<Void>(task, Long.toString(noticeId)), at);
    }
}
