-- Which ledger entries belong to which notice: the notice as filed, its attachments, each decision.
CREATE TABLE evidence_items (
    notice_id    BIGINT NOT NULL,
    ledger_index BIGINT NOT NULL,
    PRIMARY KEY (notice_id, ledger_index)
);
