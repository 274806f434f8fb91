package org.redflag.app.reasons;

import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Records and reads statements of reasons. Field names and values follow the DSA Transparency Database API;
 * {@code puid} is stable: {@code redflag-notice-<notice>-<listing>-<n>}, n counting that listing's decisions.
 */
@Repository
public class StatementsOfReasons {

    public record Statement(String puid, String decisionVisibility, String decisionAccount, String decisionGround,
                            String category, String categorySpecification, String decisionFacts, String sourceType,
                            String automatedDetection, String automatedDecision, String contentType,
                            Instant applicationDate, long noticeId) {
    }

    private final JdbcClient jdbc;
    private final Clock clock;

    public StatementsOfReasons(JdbcClient jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** A listing removed on a notice: one statement per listing; returns it. */
    public Statement listingRemoved(long noticeId, String listingId, String rightType, String whatHappened,
                                    boolean trusted) {
        // the facts name the notice's right and the reviewer's reasons, each up to its own limit: cut to the column
        String facts = org.redflag.app.infrastructure.ColumnText.fit(whatHappened, 4000);
        long n = jdbc.sql("SELECT COUNT(*) FROM statements_of_reasons WHERE notice_id = :n AND puid LIKE :p")
                .param("n", noticeId).param("p", "redflag-notice-" + noticeId + "-" + listingId + "-%")
                .query(Long.class).single();
        Instant now = clock.instant();
        String puid = "redflag-notice-" + noticeId + "-" + listingId + "-" + (n + 1);
        jdbc.sql("""
                INSERT INTO statements_of_reasons (notice_id, puid, decision_visibility, decision_account,
                  decision_ground, category, category_specification, decision_facts, source_type, automated_detection,
                  automated_decision, content_type, application_date, created_at)
                VALUES (:n, :puid, 'DECISION_VISIBILITY_CONTENT_REMOVED', NULL, 'DECISION_GROUND_ILLEGAL_CONTENT',
                  'STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS', :spec, :facts, :source, 'No',
                  'AUTOMATED_DECISION_NOT_AUTOMATED', 'CONTENT_TYPE_PRODUCT', :at, :at)""")
                .param("n", noticeId).param("puid", puid)
                .param("spec", specification(rightType)).param("facts", facts)
                .param("source", trusted ? "SOURCE_TRUSTED_FLAGGER" : "SOURCE_ARTICLE_16")
                .param("at", now.atOffset(ZoneOffset.UTC)).update();
        return new Statement(puid, "DECISION_VISIBILITY_CONTENT_REMOVED", null, "DECISION_GROUND_ILLEGAL_CONTENT",
                "STATEMENT_CATEGORY_INTELLECTUAL_PROPERTY_INFRINGEMENTS", specification(rightType), facts,
                trusted ? "SOURCE_TRUSTED_FLAGGER" : "SOURCE_ARTICLE_16", "No", "AUTOMATED_DECISION_NOT_AUTOMATED",
                "CONTENT_TYPE_PRODUCT", now, noticeId);
    }

    /** The statements applied in [from, to), in the order they were made. */
    public List<Statement> between(Instant from, Instant to) {
        return between(from, to, 0, Integer.MAX_VALUE);
    }

    /** A page of them: {@code limit} statements from the {@code offset}-th. */
    public List<Statement> between(Instant from, Instant to, long offset, int limit) {
        return jdbc.sql("SELECT * FROM statements_of_reasons WHERE application_date >= :f AND application_date < :t"
                        + " ORDER BY id LIMIT :l OFFSET :o").param("f", from.atOffset(ZoneOffset.UTC))
                .param("t", to.atOffset(ZoneOffset.UTC)).param("l", limit).param("o", offset)
                .query(StatementsOfReasons::row).list();
    }

    public long count(Instant from, Instant to) {
        return jdbc.sql("SELECT COUNT(*) FROM statements_of_reasons WHERE application_date >= :f"
                        + " AND application_date < :t").param("f", from.atOffset(ZoneOffset.UTC))
                .param("t", to.atOffset(ZoneOffset.UTC)).query(Long.class).single();
    }

    public List<Statement> forNotice(long noticeId) {
        return jdbc.sql("SELECT * FROM statements_of_reasons WHERE notice_id = :n ORDER BY id").param("n", noticeId)
                .query(StatementsOfReasons::row).list();
    }

    private static Statement row(java.sql.ResultSet rs, int i) throws java.sql.SQLException {
        return new Statement(rs.getString("puid"), rs.getString("decision_visibility"),
                rs.getString("decision_account"), rs.getString("decision_ground"), rs.getString("category"),
                rs.getString("category_specification"), rs.getString("decision_facts"), rs.getString("source_type"),
                rs.getString("automated_detection"), rs.getString("automated_decision"), rs.getString("content_type"),
                rs.getObject("application_date", OffsetDateTime.class).toInstant(), rs.getLong("notice_id"));
    }

    static String specification(String rightType) {
        return switch (rightType) {
            case "COPYRIGHT" -> "KEYWORD_COPYRIGHT_INFRINGEMENT";
            case "PATENT" -> "KEYWORD_PATENT_INFRINGEMENT";
            case "DESIGN" -> "KEYWORD_DESIGN_INFRINGEMENT";
            default -> "KEYWORD_TRADEMARK_INFRINGEMENT";
        };
    }
}
