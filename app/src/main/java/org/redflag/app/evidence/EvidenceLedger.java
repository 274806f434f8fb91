package org.redflag.app.evidence;

import java.io.OutputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.redflag.evidence.Bundles;
import org.redflag.evidence.Custody;
import org.redflag.evidence.EvidenceRecord;
import org.redflag.evidence.Ledger;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The server's evidence ledger ({@code redflag.evidence.dir}): every notice as filed, its attachments, and every
 * decision on it are captured as they happen; a notice's items export as a bundle.
 */
@Component
public class EvidenceLedger implements DisposableBean {

    private final Ledger ledger;
    private final JdbcClient jdbc;

    public EvidenceLedger(@Value("${redflag.evidence.dir:data/evidence}") Path dir,
                          @Value("${redflag.evidence.tsa-url:}") String tsaUrl, Clock clock, JdbcClient jdbc) {
        this.ledger = Ledger.open(dir, clock, EvidenceCommand.version(),
                tsaUrl.isBlank() ? Optional.empty() : Optional.of(URI.create(tsaUrl)));
        if (ledger.recovered()) {
            org.slf4j.LoggerFactory.getLogger(EvidenceLedger.class).warn("the evidence ledger in {} was left"
                    + " half-written by an unclean stop and has been repaired from its entries ({} of them)", dir,
                    ledger.size());
        }
        this.jdbc = jdbc;
    }

    /** Captures bytes about a notice and links the entry to it. */
    public EvidenceRecord capture(long noticeId, byte[] content, String fileName, String mediaType, String by,
                                  String kind) {
        EvidenceRecord r = ledger.add(content, new Custody(fileName, mediaType, by, null, "notice " + noticeId, kind));
        jdbc.sql("INSERT INTO evidence_items (notice_id, ledger_index) VALUES (:n, :i)").param("n", noticeId)
                .param("i", r.index()).update();
        return r;
    }

    public EvidenceRecord captureJson(long noticeId, String json, String fileName, String by, String kind) {
        return capture(noticeId, json.getBytes(StandardCharsets.UTF_8), fileName, "application/json", by, kind);
    }

    public List<Long> items(long noticeId) {
        return jdbc.sql("SELECT ledger_index FROM evidence_items WHERE notice_id = :n ORDER BY ledger_index")
                .param("n", noticeId).query(Long.class).list().stream().filter(i -> i < ledger.size()).toList();
    }

    /** Writes the bundle of a notice's items under a freshly signed tree head. */
    public void export(long noticeId, OutputStream out) {
        Bundles.export(ledger, items(noticeId), "Notice " + noticeId + " / 通知 " + noticeId, out);
    }

    public Ledger ledger() {
        return ledger;
    }

    @Override
    public void destroy() {
        ledger.close();
    }
}
