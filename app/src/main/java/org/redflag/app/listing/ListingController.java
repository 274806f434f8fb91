package org.redflag.app.listing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import org.redflag.app.account.Actor;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.account.Role;
import org.redflag.app.problem.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Registering and reading listings. A seller registers its own; an admin registers any, naming the seller. */
@RestController
@RequestMapping("/api/listings")
@Tag(name = "Listings")
public class ListingController {

    public record NewListing(
            @NotBlank @Size(max = 100) @Pattern(regexp = "[A-Za-z0-9._:-]+", message = "letters, digits and . _ : - only")
            String id,
            @NotBlank @Size(max = 1000) String title,
            Long sellerAccountId,
            @Size(max = 20_000) String description,
            @Size(max = 200) String brand,
            @Size(max = 200) String category,
            @jakarta.validation.constraints.PositiveOrZero Double price,
            @Pattern(regexp = "[A-Z]{3}", message = "a three-letter ISO 4217 code") String currency,
            @jakarta.validation.constraints.PositiveOrZero Double unitsSold,
            @jakarta.validation.constraints.DecimalMin("0") @jakarta.validation.constraints.DecimalMax("1")
            Double negativeReviewRatio) {

        org.redflag.screening.Listing toScreen() {
            return new org.redflag.screening.Listing(id, sellerAccountId == null ? null : "account-" + sellerAccountId,
                    title, description, brand, category, price, currency, unitsSold, null, negativeReviewRatio, null,
                    null, null);
        }
    }

    /** A listing to screen without storing it (listing.schema.json). */
    public record ScreenRequest(
            @NotBlank @Size(max = 100) String id,
            @Size(max = 100) String sellerId,
            @jakarta.validation.constraints.NotNull @Size(max = 1000) String title,
            @Size(max = 20_000) String description,
            @Size(max = 200) String brand,
            @Size(max = 200) String category,
            @jakarta.validation.constraints.PositiveOrZero Double price,
            @Pattern(regexp = "[A-Z]{3}", message = "a three-letter ISO 4217 code") String currency,
            @jakarta.validation.constraints.PositiveOrZero Double unitsSold,
            @jakarta.validation.constraints.PositiveOrZero Integer reviewCount,
            @jakarta.validation.constraints.DecimalMin("0") @jakarta.validation.constraints.DecimalMax("1")
            Double negativeReviewRatio,
            Boolean recommended,
            @Size(max = 2000) String url,
            @Size(max = 40) String createdAt) {

        org.redflag.screening.Listing toScreen() {
            return new org.redflag.screening.Listing(id, sellerId, title, description, brand, category, price,
                    currency, unitsSold, reviewCount, negativeReviewRatio, recommended, url, createdAt);
        }
    }

    public record FlagView(String code, String detail, java.util.Map<String, Object> evidence,
                           java.util.List<String> citations) {
    }

    public record ResultView(String listingId, java.util.List<FlagView> flags, double risk) {
        static ResultView of(org.redflag.screening.Screener.Result r) {
            return new ResultView(r.listingId(), r.flags().stream().map(f -> new FlagView(f.code().name(),
                    f.detail(), f.evidence(), f.citations())).toList(), r.risk());
        }
    }

    public record ListingView(String id, Long sellerAccountId, String title, Listings.Status status, Double risk,
                              java.util.List<FlagView> flags) {
    }

    private final Listings listings;
    private final CurrentActor current;
    private final ListingScreening screening;

    public ListingController(Listings listings, CurrentActor current, ListingScreening screening) {
        this.listings = listings;
        this.current = current;
        this.screening = screening;
    }

    @org.springframework.web.bind.annotation.PostMapping("/screen")
    @Operation(summary = "Screen a batch of listings for red flags without storing them (staff)", description =
            "Up to 1,000 listings (listing.schema.json); one screening-result.schema.json result each, in order.")
    public java.util.List<ResultView> screen(@Valid @RequestBody @jakarta.validation.constraints.Size(min = 1,
            max = 1000) java.util.List<@Valid ScreenRequest> batch) {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff screen listings");
        }
        try {
            return screening.screen(batch.stream().map(ScreenRequest::toScreen).toList()).stream()
                    .map(ResultView::of).toList();
        } catch (org.redflag.screening.Screener.CurrencyMismatch e) {
            throw ApiException.badRequest("currency", e.getMessage());
        }
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a listing")
    @org.springframework.transaction.annotation.Transactional
    public ListingView create(@Valid @RequestBody NewListing body) {
        Actor actor = current.get();
        Long seller;
        if (actor.role() == Role.SELLER) {
            if (body.sellerAccountId() != null && body.sellerAccountId() != actor.accountId()) {
                throw ApiException.forbidden("a seller registers only its own listings");
            }
            seller = actor.accountId();
        } else if (actor.role() == Role.ADMIN) {
            seller = body.sellerAccountId();
        } else {
            throw ApiException.forbidden("only sellers and admins register listings");
        }
        NewListing withSeller = new NewListing(body.id(), body.title(), seller, body.description(), body.brand(),
                body.category(), body.price(), body.currency(), body.unitsSold(), body.negativeReviewRatio());
        org.redflag.screening.Screener.Result result;
        try {
            result = screening.register(listings, withSeller.toScreen(), seller);
        } catch (org.redflag.screening.Screener.CurrencyMismatch e) {
            throw ApiException.badRequest("currency", e.getMessage());
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, "Conflict", "a listing with id " + body.id() + " exists", "id");
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            if (seller == null) {
                throw e; // not the seller's reference: nothing the request can be told to change
            }
            throw ApiException.badRequest("sellerAccountId", "no account " + seller);
        }
        return view(listings.find(body.id()).orElseThrow());
    }

    private ListingView view(Listings.Listing l) {
        var flags = listings.flags(l.id()).stream().map(f -> new FlagView(f.code(), f.detail(), f.evidence(),
                f.citations())).toList();
        return new ListingView(l.id(), l.sellerAccountId(), l.title(), l.status(), listings.risk(l.id()), flags);
    }

    @GetMapping
    @Operation(summary = "List listings, riskiest first (staff; a seller its own)", description = "Filter by a red"
            + " flag's code, a minimum risk, a seller and a status; a page at a time (size up to 200), riskiest"
            + " first, then the newest. Each listing comes with its risk and the codes of its flags; its flags in"
            + " full are at /api/listings/{id}. A seller sees only its own listings; right holders read the listings"
            + " their notices name one at a time.")
    public Listings.Page list(@RequestParam(required = false) org.redflag.law.RedFlag flag,
                              @RequestParam(required = false) @jakarta.validation.constraints.DecimalMin("0")
                              @jakarta.validation.constraints.DecimalMax("1") Double minRisk,
                              @RequestParam(required = false) Long sellerAccountId,
                              @RequestParam(required = false) Listings.Status status,
                              @RequestParam(defaultValue = "0") @jakarta.validation.constraints.Min(0)
                              @jakarta.validation.constraints.Max(100_000) int page,
                              @RequestParam(defaultValue = "20") @jakarta.validation.constraints.Min(1)
                              @jakarta.validation.constraints.Max(200) int size) {
        return listings.page(new Listings.Filter(sellerScope(current.get(), sellerAccountId), flag, minRisk, status),
                page, size);
    }

    /**
     * Whose listings {@code actor} may list, given the seller it asked for (null: any): staff any, a seller its
     * own; right holders none (403).
     */
    public static Long sellerScope(Actor actor, Long asked) {
        if (actor.role() == Role.SELLER) {
            if (asked != null && asked != actor.accountId()) {
                throw ApiException.forbidden("a seller lists only its own listings");
            }
            return actor.accountId();
        }
        if (!actor.platformStaff()) {
            throw ApiException.forbidden("right holders read the listings their notices name, one at a time");
        }
        return asked;
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a listing")
    public ListingView get(@PathVariable String id) {
        Actor actor = current.get();
        Listings.Listing l = listings.find(id).orElseThrow(() -> ApiException.notFound("listing " + id));
        if (actor.role() == Role.SELLER && (l.sellerAccountId() == null || l.sellerAccountId() != actor.accountId())) {
            throw ApiException.notFound("listing " + id);
        }
        return view(l);
    }
}
