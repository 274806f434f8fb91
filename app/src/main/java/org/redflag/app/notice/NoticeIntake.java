package org.redflag.app.notice;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.redflag.app.law.Packs;
import org.redflag.app.account.Actor;
import org.redflag.app.account.Role;
import org.redflag.app.audit.AuditLog;
import org.redflag.app.listing.Listings;
import org.redflag.app.notifier.NotifierStandings;
import org.redflag.app.problem.ApiException;
import org.redflag.law.PolicyPack;
import org.redflag.notice.NoticeElements;
import org.redflag.notice.NoticeStatus;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
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

    public record Filed(NoticeRecord notice, boolean created) {
    }

    private final Notices notices;
    private final Listings listings;
    private final AuditLog audit;
    private final Packs packs;
    private final NoticeTimers timers;
    private final NotifierStandings standings;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final org.redflag.app.evidence.EvidenceLedger evidenceLedger;

    public NoticeIntake(Notices notices, Listings listings, AuditLog audit, Packs packs, NoticeTimers timers,
                        NotifierStandings standings, JdbcClient jdbc, Clock clock,
                        org.redflag.app.evidence.EvidenceLedger evidenceLedger) {
        this.evidenceLedger = evidenceLedger;
        this.notices = notices;
        this.listings = listings;
        this.audit = audit;
        this.packs = packs;
        this.timers = timers;
        this.standings = standings;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional
    public Filed file(Actor actor, NoticeRequests.FileNotice req, Optional<String> idempotencyKey) {
        String hash = hash(JSON.writeValueAsString(req));
        if (idempotencyKey.isPresent()) {
            Optional<NoticeRecord> earlier = replay(actor, idempotencyKey.get(), hash);
            if (earlier.isPresent()) {
                return new Filed(earlier.get(), false);
            }
        }
        mayFile(actor);
        PolicyPack pack = packs.resolve(req.policy(), "policy");
        List<String> ids = checkListings(req.listings(), pack, "listings");
        List<byte[]> evidence = decodeEvidence(req.evidence());
        NoticeRecord n = store(actor, pack, req.right(), req.reasonCode(), req.language(), req.text(),
                req.elements().toCore(), ids);
        if (req.evidence() != null) {
            for (int i = 0; i < req.evidence().size(); i++) {
                var a = req.evidence().get(i);
                notices.addEvidence(n.id(), a.fileName(), a.contentType(), hash(evidence.get(i)), evidence.get(i));
                evidenceLedger.capture(n.id(), evidence.get(i), a.fileName(), a.contentType(), actor.username(),
                        "ATTACHMENT");
            }
        }
        idempotencyKey.ifPresent(k -> jdbc.sql("INSERT INTO idempotency_keys (account_id, idem_key, request_hash,"
                        + " notice_id, created_at) VALUES (:a, :k, :h, :n, :t)")
                .param("a", actor.accountId()).param("k", k).param("h", hash).param("n", n.id())
                .param("t", clock.instant().atOffset(ZoneOffset.UTC)).update());
        return new Filed(n, true);
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
    @Transactional
    public List<NoticeRecord> bulk(Actor actor, NoticeRequests.BulkNotice req, MultipartFile file) {
        mayFile(actor);
        PolicyPack pack = packs.resolve(req.policy(), "notice.policy");
        List<String> rows = readCsv(file);
        List<String> ids = checkListings(rows, null, "file");
        int chunk = pack.notifiers().map(r -> r.maxListingsPerNotice().value().intValue()).orElse(300);
        List<NoticeRecord> filed = new ArrayList<>();
        for (int from = 0; from < ids.size(); from += chunk) {
            filed.add(store(actor, pack, req.right(), req.reasonCode(), req.language(), req.text(),
                    req.elements().toCore(), ids.subList(from, Math.min(ids.size(), from + chunk))));
        }
        return filed;
    }

    private void mayFile(Actor actor) {
        if (actor.role() != Role.RIGHTS_HOLDER) {
            throw ApiException.forbidden("only right holders file notices");
        }
        var standing = standings.view(actor.accountId());
        if (standings.suspendedNow(standing)) {
            throw new ApiException(HttpStatus.FORBIDDEN, "Notifier suspended", standing.reasons(), null);
        }
    }

    private NoticeRecord store(Actor actor, PolicyPack pack, NoticeRequests.Right right,
                               NoticeRequests.ReasonCode reason, String language, String text, NoticeElements elements,
                               List<String> listingIds) {
        Instant now = clock.instant();
        Instant deadline = pack.notice().responseDeadline().after(now, pack.timeZone(), pack.calendar());
        NoticeRecord draft = new NoticeRecord(0, actor.accountId(), pack.id(), pack.version(), right.type().name(),
                right.reference(), reason.name(), language, text, elements, false, NoticeStatus.RECEIVED, null, null,
                now, deadline, null, null, null, null, null, null, null, 0,
                standings.view(actor.accountId()).standing() == NotifierStandings.Standing.TRUSTED ? 1 : 0, 0);
        var q = NoticeViews.qualification(draft, pack.notice());
        NoticeStatus status = q.qualified() ? NoticeStatus.RECEIVED : NoticeStatus.INCOMPLETE;
        NoticeRecord n = new NoticeRecord(0, draft.notifierAccountId(), draft.policyId(), draft.policyVersion(),
                draft.rightType(), draft.rightReference(), draft.reasonCode(), language, text, elements,
                q.qualified(), status, null, null, now, deadline, null, null, null, null, null, null, null, 0,
                draft.priority(), 0);
        long id = notices.insert(n);
        notices.addListings(id, listingIds);
        audit.append(id, actor, "FILED", null, status.name(), sentence(q.message()) + " Listings: " + listingIds.size()
                + "; language: " + (language == null ? "unstated" : language) + "; policy " + pack.label());
        if (q.qualified()) {
            timers.deadline(id, now, deadline, true);
        }
        var filed = new java.util.LinkedHashMap<String, Object>();
        filed.put("notice", id);
        filed.put("receivedAt", now.toString());
        filed.put("notifier", actor.username());
        filed.put("policy", pack.label());
        filed.put("right", right);
        filed.put("reasonCode", reason.name());
        filed.put("language", language);
        filed.put("text", text);
        filed.put("elements", NoticeRequests.Elements.of(elements));
        filed.put("listings", listingIds);
        evidenceLedger.captureJson(id, JSON.writeValueAsString(filed), "notice-" + id + ".json", actor.username(),
                "NOTICE");
        return notices.find(id).orElseThrow();
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
        Set<String> known = new HashSet<>();
        for (int from = 0; from < requested.size(); from += 500) {
            listings.find(requested.subList(from, Math.min(requested.size(), from + 500)))
                    .forEach(l -> known.add(l.id()));
        }
        for (int i = 0; i < requested.size(); i++) {
            if (!known.contains(requested.get(i))) {
                throw ApiException.badRequest(element(field, i), where(field, i) + "no listing " + requested.get(i)
                        + " on this platform");
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

    private static List<byte[]> decodeEvidence(List<NoticeRequests.Attachment> evidence) {
        List<byte[]> out = new ArrayList<>();
        if (evidence == null) {
            return out;
        }
        for (int i = 0; i < evidence.size(); i++) {
            try {
                byte[] b = Base64.getDecoder().decode(evidence.get(i).base64());
                if (b.length > MAX_EVIDENCE_BYTES) {
                    throw ApiException.badRequest("evidence[" + i + "].base64", "the attachment is " + b.length
                            + " bytes; at most " + MAX_EVIDENCE_BYTES);
                }
                out.add(b);
            } catch (IllegalArgumentException e) {
                throw ApiException.badRequest("evidence[" + i + "].base64", "not valid base64: " + e.getMessage());
            }
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
