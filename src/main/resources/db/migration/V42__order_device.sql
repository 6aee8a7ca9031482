-- The device an order was placed from, as the SHA-256 of the client's X-Device-Fingerprint header (never the raw
-- value): the risk review counts the accounts seen on one device. NULL when the client sent none.
ALTER TABLE customer_order ADD COLUMN device_hash text;
