package org.redflag.app.notice;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.ZoneOffset;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * What the compliance team watches, as Prometheus gauges read from the database at each scrape: notices awaiting a
 * decision, and those of them past their statutory response deadline (E-Commerce Law Art. 42, DSA Art. 16(6)).
 * Counts of every state change are {@code redflag_audit_events_total} (by action), kept by the audit log.
 */
@Component
public class NoticeMetrics {

    public NoticeMetrics(MeterRegistry meters, JdbcClient jdbc, Clock clock) {
        Gauge.builder("redflag.notices.awaiting.decision", jdbc, db -> db.sql("SELECT COUNT(*) FROM notices"
                        + " WHERE status = 'RECEIVED'").query(Long.class).single())
                .description("notices received and qualified, not yet decided").register(meters);
        Gauge.builder("redflag.notices.overdue", jdbc, db -> db.sql("SELECT COUNT(*) FROM notices WHERE status ="
                        + " 'RECEIVED' AND response_deadline < :now")
                        .param("now", clock.instant().atOffset(ZoneOffset.UTC)).query(Long.class).single())
                .description("notices awaiting a decision past their response deadline").register(meters);
    }
}
