-- Logistics, return to sender: a refused parcel the merchant has back is RETURNED; its merchant orders are refunded
-- and its units restocked through after-sales, and the cases that do it are named on the parcel.
ALTER TABLE parcel DROP CONSTRAINT parcel_status_check;
ALTER TABLE parcel ADD CONSTRAINT parcel_status_check CHECK (status IN ('AWAITING_PICK', 'PICKING', 'PACKING',
    'READY', 'SHIPPED', 'DELIVERED', 'REFUSED', 'EXCEPTION', 'RETURNED', 'MERGED'));
ALTER TABLE parcel
    ADD COLUMN returned_at     timestamptz,
    ADD COLUMN return_case_ids uuid[];
