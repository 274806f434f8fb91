-- A registered seller may name the platform account it sells under, so that a takedown of that account's listings
-- strikes the seller's identity (and a restoration reverses the strike). One account, one registered seller.
ALTER TABLE sellers ADD COLUMN account_id BIGINT REFERENCES accounts (id);
CREATE UNIQUE INDEX sellers_account ON sellers (account_id);
