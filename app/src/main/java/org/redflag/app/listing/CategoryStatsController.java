package org.redflag.app.listing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.io.IOException;
import org.redflag.app.account.CurrentActor;
import org.redflag.app.problem.ApiException;
import org.redflag.screening.CategoryStatsFile;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The category statistics the server screens arriving listings against, as the CSV {@code redflag screen
 * --category-stats} reads: a feed screened offline then compares with the platform's live figures.
 */
@RestController
@Tag(name = "Listings")
public class CategoryStatsController {

    private final ListingScreening screening;
    private final CurrentActor current;

    public CategoryStatsController(ListingScreening screening, CurrentActor current) {
        this.screening = screening;
        this.current = current;
    }

    @GetMapping(path = "/api/screening/category-stats", produces = "text/csv")
    @Operation(summary = "The category statistics screening compares with, as CSV (staff)", description =
            "category,listings,averageUnitsSold,reviewedListings,averageNegativeReviewRatio: the starting figures"
                    + " (redflag.screening.category-stats) plus the listings stored and arriving; for"
                    + " redflag screen --category-stats.")
    public ResponseEntity<String> categoryStats() throws IOException {
        if (!current.get().platformStaff()) {
            throw ApiException.forbidden("only platform staff read the screening statistics");
        }
        StringBuilder csv = new StringBuilder();
        CategoryStatsFile.write(screening.statistics(), csv);
        return ResponseEntity.ok().contentType(new MediaType("text", "csv", java.nio.charset.StandardCharsets.UTF_8))
                .header("Content-Disposition", "attachment; filename=\"category-stats.csv\"").body(csv.toString());
    }
}
