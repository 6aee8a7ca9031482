-- One payment record per provider transaction (issue 15, defect 5). A session used to be one row whatever happened
-- to it: paid twice (two provider transactions), the second transaction's refund marked the only row REFUNDED, so a
-- paid order looked refunded, and a second refund was dropped by the one-refund-per-payment key. Now the session's
-- row takes its first transaction, and every further transaction of the session gets a row of its own (same
-- session, order and amount); each refund belongs to one transaction's row (payment_refund keeps UNIQUE payment_id).
-- So, per order: charged = the rows SUCCEEDED or REFUNDED, refunded = its refund rows, and what remains is what the
-- order's status says (its payable when paid, zero when not).
ALTER TABLE payment DROP CONSTRAINT payment_provider_session_id_key;
CREATE INDEX payment_by_session ON payment (provider, session_id, id);
-- At most one row of a session waits for a transaction; a transaction belongs to one row.
CREATE UNIQUE INDEX payment_session_waiting ON payment (provider, session_id) WHERE provider_transaction_id IS NULL;
CREATE UNIQUE INDEX payment_by_transaction ON payment (provider, provider_transaction_id)
    WHERE provider_transaction_id IS NOT NULL;
