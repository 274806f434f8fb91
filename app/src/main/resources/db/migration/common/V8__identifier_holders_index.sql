-- The registration check asks, per identifier, for its first (hub threshold + 1) holders in seller-id order: with the
-- seller id in the index the answer is a bounded index range, however many accounts share a hub's value.
CREATE INDEX seller_identifiers_holders ON seller_identifiers (kind, id_value, seller_id);
DROP INDEX seller_identifiers_value;
