package org.redflag.app.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.account.Role;
import org.redflag.app.problem.ApiException;
import org.redflag.identity.Fingerprints;
import org.redflag.identity.IdentifierType;
import org.redflag.identity.Linker;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Credit records shared with partner platforms as keyed fingerprints ({@code redflag.exchange.key}, shared between
 * the partners): export of the banned identities, import of a partner's (each import replaces that partner's
 * previous set, so a record cleared on appeal disappears at the next exchange: the expunge path), and matching of
 * registrations against them. Raw identifiers never cross.
 */
@RestController
@RequestMapping("/api/exchange")
@Tag(name = "Exchange")
public class CreditExchange {

    public record Fingerprint(@NotNull IdentifierType kind,
                              @NotBlank @Pattern(regexp = "[0-9a-f]{64}", message = "64 hex digits") String hmac) {
    }

    public record Record(@NotBlank @Size(max = 200) String recordId, @Size(max = 500) String reason,
                         @NotNull @Size(min = 1, max = 50) List<@Valid Fingerprint> fingerprints) {
    }

    public record Batch(@NotBlank @Size(max = 100) String platform,
                        @NotNull @Size(max = 100_000) List<@Valid Record> records) {
    }

    private final JdbcClient jdbc;
    private final CurrentActor current;
    private final Clock clock;
    private final Fingerprints fingerprints;
    private final String platform;

    public CreditExchange(JdbcClient jdbc, CurrentActor current, Clock clock,
                          @Value("${redflag.exchange.key:redflag-demo-exchange-key}") String key,
                          @Value("${redflag.exchange.platform:redflag}") String platform) {
        this.jdbc = jdbc;
        this.current = current;
        this.clock = clock;
        this.fingerprints = new Fingerprints(key);
        this.platform = platform;
    }

    @GetMapping("/credit-records")
    @Operation(summary = "Export the banned identities as keyed fingerprints (partners and admins)")
    public Batch export() {
        allowed();
        Map<String, Record> records = new LinkedHashMap<>();
        jdbc.sql("SELECT s.id, i.kind, i.id_value, s.status FROM sellers s JOIN seller_identifiers i ON i.seller_id"
                        + " = s.id WHERE s.banned = TRUE ORDER BY s.id, i.kind, i.id_value")
                .query((rs, n) -> {
                    IdentifierType kind = IdentifierType.valueOf(rs.getString(2));
                    if (kind.strong()) {
                        String recordId = platform + ":" + fingerprints.of(new Linker.Identifier(IdentifierType.NAME,
                                rs.getString(1))).substring(0, 16);
                        String reason = "TERMINATED".equals(rs.getString(4))
                                ? "terminated after repeated infringement" : "banned for infringement";
                        records.computeIfAbsent(recordId, r -> new Record(r, reason,
                                new ArrayList<>())).fingerprints().add(new Fingerprint(kind,
                                fingerprints.of(new Linker.Identifier(kind, rs.getString(3)))));
                    }
                    return null;
                }).list();
        return new Batch(platform, List.copyOf(records.values()));
    }

    @PostMapping("/credit-records")
    @Transactional
    @Operation(summary = "Import a partner's credit records, replacing that partner's previous set (partners and admins)")
    public Map<String, Object> importBatch(@Valid @RequestBody Batch batch) {
        allowed();
        if (batch.platform().equals(platform)) {
            throw ApiException.badRequest("platform", "these are this platform's own records");
        }
        jdbc.sql("DELETE FROM partner_fingerprints WHERE partner = :p").param("p", batch.platform()).update();
        int n = 0;
        for (Record r : batch.records()) {
            for (Fingerprint f : r.fingerprints()) {
                jdbc.sql("INSERT INTO partner_fingerprints (partner, record_id, kind, fingerprint, reason, imported_at)"
                                + " VALUES (:p, :r, :k, :f, :why, :t)")
                        .param("p", batch.platform()).param("r", r.recordId()).param("k", f.kind().name())
                        .param("f", f.hmac()).param("why", r.reason())
                        .param("t", clock.instant().atOffset(ZoneOffset.UTC)).update();
                n++;
            }
        }
        return Map.of("platform", batch.platform(), "records", batch.records().size(), "fingerprints", n);
    }

    /** Partner records that share a strong identifier with this registration. */
    public List<String> partnerMatches(Linker.Seller seller) {
        Map<String, Linker.Identifier> byFingerprint = new LinkedHashMap<>();
        for (Linker.Identifier i : seller.identifiers()) {
            if (i.type().strong()) {
                byFingerprint.putIfAbsent(i.type().name() + ":" + fingerprints.of(i), i);
            }
        }
        if (byFingerprint.isEmpty()) {
            return List.of();
        }
        // one statement for all of them; matches listed in the order of the seller's identifiers
        Map<String, List<String>> matches = new HashMap<>();
        jdbc.sql("SELECT kind, fingerprint, partner, record_id FROM partner_fingerprints WHERE fingerprint IN (:f)"
                        + " ORDER BY partner, record_id")
                .param("f", byFingerprint.keySet().stream().map(k -> k.substring(k.indexOf(':') + 1)).toList())
                .query(rs -> {
                    String key = rs.getString(1) + ":" + rs.getString(2);
                    if (byFingerprint.containsKey(key)) {
                        matches.computeIfAbsent(key, x -> new ArrayList<>()).add(rs.getString(3) + "/"
                                + rs.getString(4) + " (" + byFingerprint.get(key).type().key() + ")");
                    }
                });
        List<String> out = new ArrayList<>();
        byFingerprint.keySet().forEach(k -> matches.getOrDefault(k, List.of()).stream()
                .filter(m -> !out.contains(m)).forEach(out::add));
        return out;
    }

    private void allowed() {
        Actor a = current.get();
        if (a.role() != Role.PARTNER && a.role() != Role.ADMIN) {
            throw ApiException.forbidden("only partner platforms and admins exchange credit records");
        }
    }
}
