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
import org.redflag.app.server.ApiException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
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
            Long sellerAccountId) {
    }

    private final Listings listings;
    private final CurrentActor current;

    public ListingController(Listings listings, CurrentActor current) {
        this.listings = listings;
        this.current = current;
    }

    @PostMapping
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Register a listing")
    public Listings.Listing create(@Valid @RequestBody NewListing body) {
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
        try {
            listings.create(body.id(), seller, body.title());
        } catch (DuplicateKeyException e) {
            throw new ApiException(HttpStatus.CONFLICT, "Conflict", "a listing with id " + body.id() + " exists", "id");
        } catch (org.springframework.dao.DataIntegrityViolationException e) {
            throw ApiException.badRequest("sellerAccountId", "no account " + seller);
        }
        return listings.find(body.id()).orElseThrow();
    }

    @GetMapping("/{id}")
    @Operation(summary = "Read a listing")
    public Listings.Listing get(@PathVariable String id) {
        Actor actor = current.get();
        Listings.Listing l = listings.find(id).orElseThrow(() -> ApiException.notFound("listing " + id));
        if (actor.role() == Role.SELLER && (l.sellerAccountId() == null || l.sellerAccountId() != actor.accountId())) {
            throw ApiException.notFound("listing " + id);
        }
        return l;
    }
}
