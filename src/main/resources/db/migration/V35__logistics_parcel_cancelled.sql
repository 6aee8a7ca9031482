-- Logistics, refunds before shipment: units refunded before their parcel left are taken out of it (recorded in
-- parcel_release); a parcel left with nothing is CANCELLED: never picked, waved, packed, printed or handed over.
ALTER TABLE parcel DROP CONSTRAINT parcel_status_check;
ALTER TABLE parcel ADD CONSTRAINT parcel_status_check CHECK (status IN ('AWAITING_PICK', 'PICKING', 'PACKING',
    'READY', 'SHIPPED', 'DELIVERED', 'REFUSED', 'EXCEPTION', 'RETURNED', 'MERGED', 'CANCELLED'));
ALTER TABLE parcel ADD COLUMN cancelled_at timestamptz;

CREATE TABLE parcel_release (
    parcel_id    uuid        NOT NULL REFERENCES parcel (id),
    line_id      uuid        NOT NULL REFERENCES order_line (id),
    quantity     integer     NOT NULL CHECK (quantity > 0),
    released_at  timestamptz NOT NULL
);
CREATE INDEX parcel_release_by_parcel ON parcel_release (parcel_id);
