package org.redflag.app.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.Map;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.problem.ApiException;
import org.redflag.identity.Linker;
import org.redflag.identity.SellerReader;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Seller registration with an immediate check against banned sellers (seller.schema.json in): clean, or linked
 * with the path of shared identifiers, blocked or held for review.
 */
@RestController
@RequestMapping("/api/sellers")
@Tag(name = "Sellers")
public class SellerController {

    private final RegistrationCheck check;
    private final CurrentActor current;
    private final SellerReader reader;
    private final org.springframework.jdbc.core.simple.JdbcClient jdbc;

    public SellerController(RegistrationCheck check, CurrentActor current,
                            @Value("${redflag.identity.region:CN}") String region,
                            org.springframework.jdbc.core.simple.JdbcClient jdbc) {
        this.jdbc = jdbc;
        if (!org.redflag.identity.Normalisers.phoneRegion(region)) {
            throw new org.redflag.app.problem.BadSetting("redflag.identity.region", "expected a two-letter region"
                    + " libphonenumber knows, such as CN, US or GB; found \"" + region + "\"");
        }
        this.check = check;
        this.current = current;
        this.reader = new SellerReader(region);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Register a seller and check it against banned sellers (staff)")
    public ResponseEntity<Map<String, Object>> register(@RequestBody String body) {
        staff();
        Linker.Seller seller = parse(body);
        String name = nameOf(body);
        storable(seller, name);
        Long accountId = accountOf(body);
        try {
            long t0 = System.nanoTime();
            var result = check.register(seller, name, accountId);
            return ResponseEntity.status(HttpStatus.CREATED).header("Server-Timing", timing("register", t0))
                    .body(RegistrationCheck.view(result));
        } catch (DuplicateKeyException e) {
            if (accountId != null && jdbc.sql("SELECT COUNT(*) FROM sellers WHERE account_id = :a")
                    .param("a", accountId).query(Long.class).single() > 0) {
                throw new ApiException(HttpStatus.CONFLICT, "Conflict", "account " + accountId + " is already"
                        + " registered as a seller", "accountId");
            }
            throw new ApiException(HttpStatus.CONFLICT, "Conflict", "a seller with id " + seller.id() + " exists", "id");
        }
    }

    @PostMapping(path = "/check", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Check a registration without storing it (staff)",
            description = "The answer's Server-Timing header gives the check's own time, without HTTP.")
    public ResponseEntity<Map<String, Object>> checkOnly(@RequestBody String body) {
        staff();
        Linker.Seller seller = parse(body);
        long t0 = System.nanoTime();
        var result = check.check(seller);
        return ResponseEntity.ok().header("Server-Timing", timing("check", t0)).body(RegistrationCheck.view(result));
    }

    /** A Server-Timing entry (W3C Server Timing): the time since {@code t0}, in milliseconds. */
    private static String timing(String name, long t0) {
        return String.format(java.util.Locale.ROOT, "%s;dur=%.3f", name, (System.nanoTime() - t0) / 1e6);
    }

    private Linker.Seller parse(String body) {
        if (body.length() > 64 * 1024) {
            throw ApiException.badRequest(null, "a seller registration is at most 64 KiB");
        }
        try {
            return reader.parse(body);
        } catch (SellerReader.BadLine e) {
            throw ApiException.badRequest(e.field(), e.getMessage());
        }
    }

    /** What the sellers tables can hold: an id of at most 100 characters, a name and each identifier of 500. */
    private static void storable(Linker.Seller seller, String name) {
        if (seller.id().length() > 100) {
            throw ApiException.badRequest("id", "a seller id is at most 100 characters; found " + seller.id().length());
        }
        if (name != null && name.length() > 500) {
            throw ApiException.badRequest("name", "a name is at most 500 characters; found " + name.length());
        }
        for (Linker.Identifier i : seller.identifiers()) {
            if (i.value().length() > 500) {
                throw ApiException.badRequest(i.type().field(), "an identifier is at most 500 characters once"
                        + " normalised; found " + i.value().length());
            }
        }
    }

    /**
     * The platform account the seller sells under ({@code accountId}, optional): an existing SELLER account, so that
     * takedowns of its listings strike the seller's identity.
     */
    private Long accountOf(String body) {
        var n = tools.jackson.databind.json.JsonMapper.shared().readTree(body).get("accountId");
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw ApiException.badRequest("accountId", "expected the id of a seller account, an integer");
        }
        long id = n.asLong();
        if (!"SELLER".equals(jdbc.sql("SELECT role FROM accounts WHERE id = :i").param("i", id).query(String.class)
                .optional().orElse(null))) {
            throw ApiException.badRequest("accountId", "no seller account has id " + id);
        }
        return id;
    }

    private static String nameOf(String body) {
        var n = tools.jackson.databind.json.JsonMapper.shared().readTree(body).get("name");
        return n == null || !n.isString() ? null : n.asString();
    }

    private void staff() {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff register and check sellers");
        }
    }
}
