-- Listing lists filter by a flag's code and sort by risk.
CREATE INDEX listing_flags_code ON listing_flags (code, listing_id);
CREATE INDEX listings_risk ON listings (risk);
