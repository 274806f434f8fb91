-- Seller registrations and their normalised identifiers, for the registration check.
CREATE TABLE sellers (
    id            VARCHAR(100) PRIMARY KEY,
    name          VARCHAR(500),
    banned        BOOLEAN      NOT NULL,
    status        VARCHAR(20)  NOT NULL,
    registered_at TIMESTAMP WITH TIME ZONE NOT NULL,
    check_result  VARCHAR(8000)
);

CREATE TABLE seller_identifiers (
    seller_id  VARCHAR(100) NOT NULL REFERENCES sellers (id),
    kind       VARCHAR(30)  NOT NULL,
    id_value   VARCHAR(500) NOT NULL,
    PRIMARY KEY (seller_id, kind, id_value)
);
CREATE INDEX seller_identifiers_value ON seller_identifiers (kind, id_value);
