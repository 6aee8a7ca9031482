-- After-sales step 2: the merchant's inspection of returned goods per line, the buyer's ship-back, offline refunds.

-- Per line of a received case: units put back into stock and units written off (restocked + written_off = quantity).
ALTER TABLE after_sale_case_line
    ADD COLUMN restocked    integer CHECK (restocked >= 0),
    ADD COLUMN written_off  integer CHECK (written_off >= 0);

ALTER TABLE after_sale_case
    ADD COLUMN received_at           timestamptz,
    ADD COLUMN restock_warehouse_id  uuid;

-- What the merchant gave as proof of a refund paid outside the provider (cash on delivery).
ALTER TABLE after_sale_refund
    ADD COLUMN offline_reference varchar(128);
-- Refunds waiting for the provider's callback are found by the refund id the provider gave.
CREATE INDEX after_sale_refund_dispatch ON after_sale_refund (next_attempt_at)
    WHERE status = 'PENDING' AND provider_refund_id IS NULL;
