package org.redflag.screening;

/** One listing as screened (listing.schema.json). Numbers absent from the feed are null. */
public record Listing(String id, String sellerId, String title, String description, String brand, String category,
                      Double price, String currency, Double unitsSold, Integer reviewCount,
                      Double negativeReviewRatio, Boolean recommended, String url, String createdAt) {
}
