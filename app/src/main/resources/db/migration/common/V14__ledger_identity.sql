-- Which evidence ledger holds this database's evidence: the fingerprint of its signing key, recorded by the first
-- server to start on the database. A server whose ledger has another key is refused at start: the entries the
-- database links to notices are not in its ledger, and its own would take their indices.
CREATE TABLE ledger_identity (
    id           INT          PRIMARY KEY,
    fingerprint  VARCHAR(64)  NOT NULL,
    recorded_at  TIMESTAMP WITH TIME ZONE NOT NULL
);
