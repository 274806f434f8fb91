package org.redflag.app.notice;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.redflag.app.law.Packs;
import org.redflag.app.account.Actor;
import org.redflag.app.account.Role;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.evidence.EvidenceLedger;
import org.redflag.app.infrastructure.AfterCommit;
import org.redflag.app.infrastructure.GroupCommit;
import org.redflag.app.listing.Listings;
import org.redflag.app.notifier.NotifierStandings;
import org.redflag.app.problem.ApiException;
import org.redflag.law.PolicyPack;
import org.redflag.notice.NoticeElements;
import org.redflag.notice.NoticeStatus;
import org.springframework.http.HttpStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.namedparam.MapSqlParameterSource;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;
import org.springframework.jdbc.core.namedparam.SqlParameterSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.multipart.MultipartFile;
import tools.jackson.databind.json.JsonMapper;

/**
 * Takes notices in: checks who files and what, qualifies the notice under its pack (in any language; the text is
 * kept as written), stores it with its listings and evidence, computes its response deadline and sets its timers.
 * A retry with the same {@code Idempotency-Key} returns the notice already filed.
 */
@Service
public class NoticeIntake {

    /** Largest bulk CSV, in rows. */
    public static final int MAX_BULK_ROWS = 10_000;
    private static final int MAX_EVIDENCE_BYTES = 512 * 1024;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A notice filed, or found filed by an earlier request with the same key ({@code stored} then null). */
    public record Filed(NoticeRecord notice, boolean created, Stored stored) {
        public Filed(NoticeRecord notice, boolean created) {
            this(notice, created, null);
        }
    }

    /** A notice as this request stored it, with what its view shows: no need to read it back. */
    public record Stored(NoticeRecord notice, List<String> listingIds, List<Notices.Evidence> evidence,
                         NoticeView.TimelineEntry filed) {
    }

    /** A notice ready to store: checked, qualified, its clocks computed; only its id is still to come. */
    record Draft(Actor actor, PolicyPack pack, NoticeRecord notice, NoticeRequests.Right right,
                 List<String> listingIds, String filedDetail, List<Attachment> attachments,
                 Optional<String> idempotencyKey, String requestHash) {
    }

    record Attachment(String fileName, String contentType, String sha256, byte[] content) {
    }

    /**
     * What one request files, all or nothing: its notices. The listings they name, in the request's order
     * ({@code field} in the request), are checked to exist, like the notifier's standing, with the rest of its group.
     */
    record Unit(Actor actor, List<Draft> drafts, String field) {
        List<String> requested() {
            return drafts.stream().flatMap(d -> d.listingIds().stream()).toList();
        }
    }

    /** What writing a unit gave: its notices as stored, or why it was refused (and nothing of it written). */
    record Outcome(List<Stored> stored, ApiException refused) {
        List<Stored> orThrow() {
            if (refused != null) {
                throw refused;
            }
            return stored;
        }
    }

    /** Notices filed at the same moment share a transaction: see {@link GroupCommit}. */
    private static final int MAX_FILINGS_PER_COMMIT = 64;

    private final Notices notices;
    private final Listings listings;
    private final AuditLog audit;
    private final Packs packs;
    private final NoticeTimers timers;
    private final NotifierStandings standings;
    private final JdbcClient jdbc;
    private final NamedParameterJdbcTemplate batch;
    private final Clock clock;
    private final EvidenceLedger evidenceLedger;
    private final GroupCommit<Unit, Outcome> filings;
    private final DistributionSummary perCommit;

    public NoticeIntake(Notices notices, Listings listings, AuditLog audit, Packs packs, NoticeTimers timers,
                        NotifierStandings standings, JdbcClient jdbc, NamedParameterJdbcTemplate batch, Clock clock,
                        EvidenceLedger evidenceLedger, PlatformTransactionManager transactions,
                        MeterRegistry meters, @Value("${redflag.notices.write-lanes:1}") int writeLanes) {
        if (writeLanes < 1 || writeLanes > 64) {
            throw new org.redflag.app.problem.BadSetting("redflag.notices.write-lanes", "expected how many groups"
                    + " of filings may be written at once, 1 to 64; found " + writeLanes);
        }
        this.evidenceLedger = evidenceLedger;
        this.notices = notices;
        this.listings = listings;
        this.audit = audit;
        this.packs = packs;
        this.timers = timers;
        this.standings = standings;
        this.jdbc = jdbc;
        this.batch = batch;
        this.clock = clock;
        this.filings = new GroupCommit<>(transactions, writeLanes, MAX_FILINGS_PER_COMMIT, this::store);
        this.perCommit = DistributionSummary.builder("redflag.notices.filed.per.commit")
                .description("notices written by one commit: more than one when filings arrive together")
                .register(meters);
    }

    /**
     * Files one notice. The checks read what they need first; the notice, its listings, attachments, audit event,
     * timer, evidence and idempotency key are then written in one transaction, shared with notices filed at the
     * same moment, and committed before this returns.
     */
    public Filed file(Actor actor, NoticeRequests.FileNotice req, Optional<String> idempotencyKey) {
        // the request's hash is kept with its key only: no key, no hash
        String hash = idempotencyKey.isPresent() ? requestHash(req) : null;
        if (idempotencyKey.isPresent()) {
            Optional<NoticeRecord> earlier = replay(actor, idempotencyKey.get(), hash);
            if (earlier.isPresent()) {
                return new Filed(earlier.get(), false);
            }
        }
        mayFile(actor);
        PolicyPack pack = packs.resolve(req.policy(), "policy");
        List<String> ids = checkListings(req.listings(), pack, "listings");
        List<Attachment> attachments = attachments(req.evidence());
        Draft draft = draft(actor, pack, req.right(), req.reasonCode(), req.language(), req.text(),
                req.elements().toCore(), ids, attachments, idempotencyKey, hash);
        Stored stored = filings.write(new Unit(actor, List.of(draft), "listings")).orThrow().get(0);
        return new Filed(stored.notice(), true, stored);
    }

    /** The text as a sentence of its own: with its full stop. */
    private static String sentence(String text) {
        return text.endsWith(".") ? text : text + ".";
    }

    /** The notice an earlier request with this key filed, if the request was the same; 409 if it was not. */
    @Transactional(readOnly = true)
    public Optional<NoticeRecord> replay(Actor actor, String key, String hash) {
        var earlier = jdbc.sql("SELECT request_hash, notice_id FROM idempotency_keys WHERE account_id = :a AND"
                        + " idem_key = :k").param("a", actor.accountId()).param("k", key)
                .query((rs, i) -> new Object[] {rs.getString(1), rs.getLong(2)}).optional();
        if (earlier.isEmpty()) {
            return Optional.empty();
        }
        if (!earlier.get()[0].equals(hash)) {
            throw new ApiException(HttpStatus.CONFLICT, "Idempotency-Key reused", "this Idempotency-Key was used"
                    + " for a different request; use a new key for a new notice", "Idempotency-Key");
        }
        return notices.find((Long) earlier.get()[1]);
    }

    static String requestHash(NoticeRequests.FileNotice req) {
        return hash(JSON.writeValueAsString(req));
    }

    /** Files one notice per chunk of the pack's listings-per-notice limit; all or nothing. */
    public List<Stored> bulk(Actor actor, NoticeRequests.BulkNotice req, MultipartFile file) {
        mayFile(actor);
        PolicyPack pack = packs.resolve(req.policy(), "notice.policy");
        List<String> rows = readCsv(file);
        List<String> ids = checkListings(rows, null, "file");
        int chunk = pack.notifiers().map(r -> r.maxListingsPerNotice().value().intValue()).orElse(300);
        List<Draft> drafts = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += chunk) {
            drafts.add(draft(actor, pack, req.right(), req.reasonCode(), req.language(), req.text(),
                    req.elements().toCore(), ids.subList(from, Math.min(ids.size(), from + chunk)), List.of(),
                    Optional.empty(), null));
        }
        return filings.write(new Unit(actor, drafts, "file")).orThrow();
    }

    private static void mayFile(Actor actor) {
        if (actor.role() != Role.RIGHTS_HOLDER) {
            throw ApiException.forbidden("only right holders file notices");
        }
    }

    /**
     * Why the unit may not be written, if it may not: its notifier suspended (DSA Art. 23), or a listing it names
     * unknown here. Read with the group's other units: one query for their notifiers, one for their listings.
     */
    private Map<Unit, ApiException> refusals(List<Unit> units, Map<Long, NotifierStandings.View> standing) {
        Set<String> known = new HashSet<>();
        List<String> named = units.stream().flatMap(u -> u.requested().stream()).distinct().toList();
        for (int from = 0; from < named.size(); from += 500) {
            listings.find(named.subList(from, Math.min(named.size(), from + 500))).forEach(l -> known.add(l.id()));
        }
        Map<Unit, ApiException> refused = new java.util.IdentityHashMap<>();
        for (Unit u : units) {
            NotifierStandings.View v = standing.get(u.actor().accountId());
            if (standings.suspendedNow(v)) {
                refused.put(u, new ApiException(HttpStatus.FORBIDDEN, "Notifier suspended", v.reasons(), null));
                continue;
            }
            List<String> requested = u.requested();
            for (int i = 0; i < requested.size(); i++) {
                if (!known.contains(requested.get(i))) {
                    refused.put(u, ApiException.badRequest(element(u.field(), i), where(u.field(), i) + "no listing "
                            + requested.get(i) + " on this platform"));
                    break;
                }
            }
        }
        return refused;
    }

    /** Qualifies the notice under its pack and computes its response deadline. */
    private Draft draft(Actor actor, PolicyPack pack, NoticeRequests.Right right,
                        NoticeRequests.ReasonCode reason, String language, String text, NoticeElements elements,
                        List<String> listingIds, List<Attachment> attachments, Optional<String> idempotencyKey,
                        String requestHash) {
        // as precise as the database keeps it, so that the answer shows what a later read will
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant deadline = pack.notice().responseDeadline().after(now, pack.timeZone(), pack.calendar())
                .truncatedTo(ChronoUnit.MICROS);
        NoticeRecord draft = new NoticeRecord(0, actor.accountId(), pack.id(), pack.version(), right.type().name(),
                right.reference(), reason.name(), language, text, elements, false, NoticeStatus.RECEIVED, null, null,
                now, deadline, null, null, null, null, null, null, null, 0, 0, 0);
        var q = NoticeViews.qualification(draft, pack.notice());
        NoticeStatus status = q.qualified() ? NoticeStatus.RECEIVED : NoticeStatus.INCOMPLETE;
        NoticeRecord n = new NoticeRecord(0, draft.notifierAccountId(), draft.policyId(), draft.policyVersion(),
                draft.rightType(), draft.rightReference(), draft.reasonCode(), language, text, elements,
                q.qualified(), status, null, null, now, deadline, null, null, null, null, null, null, null, 0, 0, 0);
        String detail = sentence(q.message()) + " Listings: " + listingIds.size() + "; language: "
                + (language == null ? "unstated" : language) + "; policy " + pack.label();
        return new Draft(actor, pack, n, right, List.copyOf(listingIds), detail, attachments, idempotencyKey,
                requestHash);
    }

    /**
     * Writes units of drafts (a filing's one notice, a bulk upload's several), in the caller's transaction: each
     * table's rows in one batch, whatever the number of notices. Each notice is captured into the evidence ledger
     * as filed, then its attachments; a transaction that fails leaves those entries in the ledger unlinked, as
     * the ledger keeps everything it took.
     */
    private List<Outcome> store(List<Unit> units) {
        Map<Long, NotifierStandings.View> standing = standings.views(units.stream().map(u -> u.actor().accountId())
                .distinct().toList());
        Map<Unit, ApiException> refused = refusals(units, standing);
        List<Draft> all = new ArrayList<>();
        List<NoticeRecord> records = new ArrayList<>();
        for (Unit u : units) {
            if (!refused.containsKey(u)) {
                // trusted notifiers' notices are queued first (DSA Art. 22)
                int priority = standing.get(u.actor().accountId()).standing() == NotifierStandings.Standing.TRUSTED
                        ? 1 : 0;
                for (Draft d : u.drafts()) {
                    all.add(d);
                    records.add(d.notice().stored(0, priority));
                }
            }
        }
        List<Outcome> out = new ArrayList<>();
        if (all.isEmpty()) {
            units.forEach(u -> out.add(new Outcome(null, refused.get(u))));
            return out;
        }
        long[] ids = notices.insert(records);
        // each notice as filed and its attachments go into the evidence ledger while the rest is written
        List<EvidenceLedger.ToTake> toTake = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Draft d = all.get(i);
            long id = ids[i];
            toTake.add(new EvidenceLedger.ToTake(id, asFiled(id, d), "notice-" + id + ".json", "application/json",
                    d.actor().username(), "NOTICE"));
            for (Attachment a : d.attachments()) {
                toTake.add(new EvidenceLedger.ToTake(id, a.content(), a.fileName(), a.contentType(),
                        d.actor().username(), "ATTACHMENT"));
            }
        }
        EvidenceLedger.Meanwhile taking = evidenceLedger.takeMeanwhile(toTake);
        notices.addListings(ids, all.stream().map(Draft::listingIds).toList());
        List<Notices.NewEvidence> attachments = new ArrayList<>();
        List<AuditLog.NewEvent> events = new ArrayList<>();
        List<NoticeTimers.Deadline> deadlines = new ArrayList<>();
        for (int i = 0; i < all.size(); i++) {
            Draft d = all.get(i);
            for (Attachment a : d.attachments()) {
                attachments.add(new Notices.NewEvidence(ids[i], a.fileName(), a.contentType(), a.sha256(),
                        a.content()));
            }
            events.add(new AuditLog.NewEvent(ids[i], d.actor(), "FILED", null, d.notice().status().name(),
                    d.filedDetail(), d.notice().receivedAt()));
            if (d.notice().qualified()) {
                deadlines.add(new NoticeTimers.Deadline(ids[i], d.notice().receivedAt(),
                        d.notice().responseDeadline()));
            }
        }
        long[] evidenceIds = notices.addEvidence(attachments);
        audit.appendAll(events);
        timers.deadlines(deadlines);
        List<MapSqlParameterSource> keys = new ArrayList<>();
        List<Stored> stored = new ArrayList<>();
        int attachment = 0;
        for (int i = 0; i < all.size(); i++) {
            Draft d = all.get(i);
            long id = ids[i];
            List<Notices.Evidence> evidence = new ArrayList<>();
            for (Attachment a : d.attachments()) {
                evidence.add(new Notices.Evidence(evidenceIds[attachment++], a.fileName(), a.contentType(),
                        a.sha256(), a.content().length));
            }
            d.idempotencyKey().ifPresent(k -> keys.add(new MapSqlParameterSource("a", d.actor().accountId())
                    .addValue("k", k).addValue("h", d.requestHash()).addValue("n", id)
                    .addValue("t", clock.instant().atOffset(ZoneOffset.UTC))));
            AuditLog.NewEvent e = events.get(i);
            stored.add(new Stored(records.get(i).stored(id, records.get(i).priority()), d.listingIds().stream().sorted().toList(),
                    List.copyOf(evidence), new NoticeView.TimelineEntry(e.at(), d.actor().username(), e.action(),
                    e.before(), e.after(), AuditLog.fit(e.detail()))));
        }
        evidenceLedger.link(taking.join());
        if (!keys.isEmpty()) {
            batch.batchUpdate("INSERT INTO idempotency_keys (account_id, idem_key, request_hash, notice_id,"
                    + " created_at) VALUES (:a, :k, :h, :n, :t)", keys.toArray(SqlParameterSource[]::new));
        }
        AfterCommit.run(() -> perCommit.record(all.size()));
        int next = 0;
        for (Unit u : units) {
            if (refused.containsKey(u)) {
                out.add(new Outcome(null, refused.get(u)));
            } else {
                out.add(new Outcome(stored.subList(next, next + u.drafts().size()), null));
                next += u.drafts().size();
            }
        }
        return out;
    }

    /** The notice as filed, as the evidence ledger keeps it. */
    private static byte[] asFiled(long id, Draft d) {
        var filed = new java.util.LinkedHashMap<String, Object>();
        filed.put("notice", id);
        filed.put("receivedAt", d.notice().receivedAt().toString());
        filed.put("notifier", d.actor().username());
        filed.put("policy", d.pack().label());
        filed.put("right", d.right());
        filed.put("reasonCode", d.notice().reasonCode());
        filed.put("language", d.notice().language());
        filed.put("text", d.notice().originalText());
        filed.put("elements", NoticeRequests.Elements.of(d.notice().elements()));
        filed.put("listings", d.listingIds());
        return JSON.writeValueAsBytes(filed);
    }

    private List<String> checkListings(List<String> requested, PolicyPack pack, String field) {
        if (pack != null && pack.notifiers().isPresent()) {
            int max = pack.notifiers().get().maxListingsPerNotice().value().intValue();
            if (requested.size() > max) {
                throw ApiException.badRequest(field, requested.size() + " listings; a notice under " + pack.id()
                        + " names at most " + max + " (file more through the bulk upload)");
            }
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < requested.size(); i++) {
            if (!seen.add(requested.get(i))) {
                throw ApiException.badRequest(element(field, i), where(field, i) + "listing " + requested.get(i)
                        + " is named twice");
            }
        }
        return requested;
    }

    /** {@code listings[3]} in a JSON body; the file itself for a CSV upload, whose rows the message names. */
    private static String element(String field, int i) {
        return field.equals("file") ? field : field + "[" + i + "]";
    }

    private static String where(String field, int i) {
        return field.equals("file") ? "row " + (i + 2) + ": " : "";
    }

    private static List<Attachment> attachments(List<NoticeRequests.Attachment> evidence) {
        List<Attachment> out = new ArrayList<>();
        if (evidence == null) {
            return out;
        }
        for (int i = 0; i < evidence.size(); i++) {
            byte[] b;
            try {
                b = Base64.getDecoder().decode(evidence.get(i).base64());
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("evidence[" + i + "].base64", "not valid base64: " + e.getMessage());
            }
            if (b.length > MAX_EVIDENCE_BYTES) {
                throw ApiException.badRequest("evidence[" + i + "].base64", "the attachment is " + b.length
                        + " bytes; at most " + MAX_EVIDENCE_BYTES);
            }
            var a = evidence.get(i);
            out.add(new Attachment(a.fileName(), a.contentType(), hash(b), b));
        }
        return out;
    }

    private static List<String> readCsv(MultipartFile file) {
        String type = file.getContentType() == null ? "" : file.getContentType().toLowerCase();
        String name = file.getOriginalFilename() == null ? "" : file.getOriginalFilename().toLowerCase();
        if (!(type.startsWith("text/csv") || type.startsWith("text/plain") || type.equals("application/vnd.ms-excel")
                || (type.equals("application/octet-stream") && name.endsWith(".csv")))) {
            throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Not a CSV file", "the file must be CSV"
                    + " (text/csv) with a header row naming listing_id; got " + (type.isEmpty() ? "no type" : type),
                    "file");
        }
        List<String> ids = new ArrayList<>();
        try (Reader in = org.redflag.source.Utf8Text.reader(file.getInputStream());
             CSVParser csv = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true)
                     .setIgnoreEmptyLines(true).setTrim(true).get().parse(in)) {
            if (!csv.getHeaderNames().contains("listing_id")) {
                throw ApiException.badRequest("file", "the header row must name a listing_id column; found "
                        + csv.getHeaderNames());
            }
            for (CSVRecord r : csv) {
                long row = r.getRecordNumber() + 1;
                if (ids.size() >= MAX_BULK_ROWS) {
                    throw ApiException.badRequest("file", "more than " + MAX_BULK_ROWS + " rows");
                }
                if (!r.isConsistent()) {
                    throw ApiException.badRequest("file", "row " + row + " has " + r.size() + " fields; the header"
                            + " has " + csv.getHeaderNames().size());
                }
                String id = r.get("listing_id");
                if (id.isEmpty() || id.length() > 100) {
                    throw ApiException.badRequest("file", "row " + row + ": listing_id must be 1 to 100 characters");
                }
                ids.add(id);
            }
        } catch (IOException | IllegalStateException | java.io.UncheckedIOException e) {
            var notUtf8 = org.redflag.source.Utf8Text.find(e);
            throw ApiException.badRequest("file", notUtf8 != null ? notUtf8.getMessage()
                    : "not readable as CSV: " + e.getMessage());
        }
        if (ids.isEmpty()) {
            throw ApiException.badRequest("file", "the file names no listing");
        }
        return ids;
    }

    static String hash(String s) {
        return hash(s.getBytes(StandardCharsets.UTF_8));
    }

    static String hash(byte[] b) {
        return org.redflag.evidence.Hashes.hex(org.redflag.evidence.Hashes.sha256(b));
    }
}
