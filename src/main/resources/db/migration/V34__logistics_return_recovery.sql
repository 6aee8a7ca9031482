-- Logistics, return to sender under a crash: the claim of a refused parcel (REFUSED -> RETURNED) names, in the same
-- transaction, the after-sales case each of its merchant orders will be refunded by. The cases are opened afterwards
-- in after-sales' own transactions, idempotently on these ids; a parcel left RETURNED without return_case_ids (the
-- process died in between) is finished by the recovery job after a grace period.
CREATE TABLE parcel_return_case (
    parcel_id          uuid NOT NULL REFERENCES parcel (id),
    merchant_order_id  uuid NOT NULL REFERENCES merchant_order (id),
    case_id            uuid NOT NULL UNIQUE,
    PRIMARY KEY (parcel_id, merchant_order_id)
);

-- The recovery job's lease (another pod skips the parcel until then) and its attempts, bounded.
ALTER TABLE parcel
    ADD COLUMN return_retry_at  timestamptz,
    ADD COLUMN return_attempts  integer NOT NULL DEFAULT 0,
    ADD COLUMN return_problem   text;
CREATE INDEX parcel_return_unfinished ON parcel (returned_at) WHERE status = 'RETURNED' AND return_case_ids IS NULL;
