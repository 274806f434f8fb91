package org.redflag.app.identity;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.Map;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.problem.ApiException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * Strikes against a seller's identity and the money that answers for them (platform staff): the seller's identity,
 * strikes and balances; a strike for a notice; a successful appeal that reverses one; money paid in as a deposit or
 * as available funds. Amounts are integers in minor units of the platform's currency.
 */
@RestController
@Tag(name = "Sellers")
public class DisciplineController {

    /** Largest amount in one request, in minor units: ten trillion, far above any deposit, far below overflow. */
    static final long MAX_AMOUNT = 10_000_000_000_000L;

    public record StrikeRequest(@NotBlank @Size(max = 500) String reference,
                                @NotBlank @Size(max = 200) String rightHolder,
                                @NotNull @PositiveOrZero @Max(MAX_AMOUNT) Long claim) {
    }

    public record Reversal(@NotBlank @Size(max = 500) String reference) {
    }

    public record Payment(@NotNull SellerDiscipline.MoneyKind kind, @NotNull @Positive @Max(MAX_AMOUNT) Long amount,
                          @NotBlank @Size(max = 500) String reference) {
    }

    private final SellerDiscipline discipline;
    private final CurrentActor current;

    public DisciplineController(SellerDiscipline discipline, CurrentActor current) {
        this.discipline = discipline;
        this.current = current;
    }

    @GetMapping("/api/sellers/{id}/discipline")
    @Operation(summary = "A seller's identity, strikes, balances and required deposit (staff)")
    public Map<String, Object> view(@PathVariable String id) {
        staff();
        return discipline.view(sellerId(id));
    }

    @PostMapping(path = "/api/sellers/{id}/strikes", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Strike a seller for a notice; the pack's ladder applies to its whole identity (staff)",
            description = "claim: what the right holder claims in compensation, taken from the deposit on a"
                    + " deducting strike, in minor units.")
    public ResponseEntity<Map<String, Object>> strike(@PathVariable String id, @Valid @RequestBody StrikeRequest r) {
        staff();
        return ResponseEntity.status(HttpStatus.CREATED).body(discipline.strike(sellerId(id), r.reference(),
                r.rightHolder(), r.claim()));
    }

    @PostMapping(path = "/api/strikes/{id}/reversal", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Reverse a strike after a successful appeal, with every posting it made (staff)")
    public Map<String, Object> reverse(@PathVariable long id, @Valid @RequestBody Reversal r) {
        staff();
        return discipline.reverse(id, r.reference());
    }

    @PostMapping(path = "/api/sellers/{id}/payments", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Record money paid in for a seller: its deposit, or its available funds (staff)")
    public ResponseEntity<Map<String, Object>> pay(@PathVariable String id, @Valid @RequestBody Payment p) {
        staff();
        return ResponseEntity.status(HttpStatus.CREATED).body(discipline.payIn(sellerId(id), p.kind(), p.amount(),
                p.reference()));
    }

    private static String sellerId(String id) {
        if (id.isBlank() || id.length() > 100) {
            throw ApiException.badRequest("id", "a seller id is 1 to 100 characters");
        }
        return id;
    }

    private void staff() {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff see and change sellers' strikes and money");
        }
    }
}
