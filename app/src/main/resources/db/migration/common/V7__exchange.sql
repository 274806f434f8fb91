-- Credit records received from partner platforms: keyed fingerprints only, never raw identifiers.
CREATE TABLE partner_fingerprints (
    partner      VARCHAR(100) NOT NULL,
    record_id    VARCHAR(200) NOT NULL,
    kind         VARCHAR(30)  NOT NULL,
    fingerprint  VARCHAR(64)  NOT NULL,
    reason       VARCHAR(500),
    imported_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (partner, record_id, kind, fingerprint)
);
CREATE INDEX partner_fingerprints_value ON partner_fingerprints (fingerprint);
