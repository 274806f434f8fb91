-- What screening found on each listing ingested through the API, and the facts it read.
ALTER TABLE listings ADD COLUMN description VARCHAR(20000);
ALTER TABLE listings ADD COLUMN brand VARCHAR(200);
ALTER TABLE listings ADD COLUMN category VARCHAR(200);
ALTER TABLE listings ADD COLUMN price DOUBLE PRECISION;
ALTER TABLE listings ADD COLUMN currency VARCHAR(3);
ALTER TABLE listings ADD COLUMN units_sold DOUBLE PRECISION;
ALTER TABLE listings ADD COLUMN negative_review_ratio DOUBLE PRECISION;
ALTER TABLE listings ADD COLUMN risk DOUBLE PRECISION;

CREATE TABLE listing_flags (
    listing_id VARCHAR(100)  NOT NULL REFERENCES listings (id),
    code       VARCHAR(40)   NOT NULL,
    detail     VARCHAR(2000) NOT NULL,
    evidence   VARCHAR(8000),
    citations  VARCHAR(1000),
    PRIMARY KEY (listing_id, code)
);
