-- Logistics, warehouse work: a paid merchant order yields one parcel per warehouse its lines were reserved from;
-- parcels are picked in waves, packed after a review, then handed to a carrier. The merchant order's hand-off
-- (table shipment, V6) is written when its last parcel leaves.

-- One parcel = one package from one warehouse of one merchant to one buyer. Merging moves the lines of other
-- parcels of the same buyer, address, merchant and warehouse into one, and marks those MERGED (merged_into).
-- order_id / merchant_order_id name the merchant order the parcel was split from (its lines may come from more
-- after a merge: parcel_line says which).
CREATE TABLE parcel (
    id                     uuid PRIMARY KEY,
    merchant_id            uuid        NOT NULL,
    warehouse_id           uuid        NOT NULL,
    order_id               uuid        NOT NULL REFERENCES customer_order (id),
    merchant_order_id      uuid        NOT NULL REFERENCES merchant_order (id),
    buyer_id               text        NOT NULL,
    status                 varchar(16) NOT NULL CHECK (status IN ('AWAITING_PICK', 'PICKING', 'PACKING', 'READY',
                               'SHIPPED', 'MERGED')),
    wave_id                uuid,
    merged_into            uuid REFERENCES parcel (id),
    address_problem        text,
    expected_weight_grams  bigint,
    packed_weight_grams    bigint,
    weight_flagged         boolean     NOT NULL DEFAULT false,
    mismatch_count         integer     NOT NULL DEFAULT 0,
    carrier                varchar(64),
    tracking_number        varchar(64),
    created_at             timestamptz NOT NULL,
    updated_at             timestamptz NOT NULL,
    picking_at             timestamptz,
    packing_at             timestamptz,
    ready_at               timestamptz,
    shipped_at             timestamptz,
    version                bigint      NOT NULL DEFAULT 0,
    CHECK ((status = 'MERGED') = (merged_into IS NOT NULL))
);
-- Console tabs: a merchant's parcels by status (with counts), oldest first, keyset on the time-ordered id.
CREATE INDEX parcel_by_merchant_status ON parcel (merchant_id, status, id);
CREATE INDEX parcel_by_merchant_order ON parcel (merchant_order_id);
CREATE INDEX parcel_by_wave ON parcel (wave_id) WHERE wave_id IS NOT NULL;

-- What a parcel carries: units of order lines (a line reserved from two warehouses is in two parcels).
CREATE TABLE parcel_line (
    parcel_id          uuid    NOT NULL REFERENCES parcel (id),
    line_id            uuid    NOT NULL REFERENCES order_line (id),
    merchant_order_id  uuid    NOT NULL REFERENCES merchant_order (id),
    sku_id             uuid    NOT NULL,
    quantity           integer NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (parcel_id, line_id)
);
CREATE INDEX parcel_line_by_merchant_order ON parcel_line (merchant_order_id);

-- A pick wave: N parcels of one warehouse picked together from one pick list.
CREATE TABLE pick_wave (
    id            uuid PRIMARY KEY,
    merchant_id   uuid         NOT NULL,
    warehouse_id  uuid         NOT NULL,
    status        varchar(16)  NOT NULL CHECK (status IN ('PICKING', 'PICKED')),
    parcel_count  integer      NOT NULL CHECK (parcel_count > 0),
    created_by    varchar(255) NOT NULL,
    created_at    timestamptz  NOT NULL,
    picked_at     timestamptz
);
CREATE INDEX pick_wave_by_merchant ON pick_wave (merchant_id, id);

-- Where a SKU lies in a warehouse (its bin location); pick lists walk the bins in order.
CREATE TABLE stock_bin (
    warehouse_id  uuid        NOT NULL,
    sku_id        uuid        NOT NULL,
    merchant_id   uuid        NOT NULL,
    bin           varchar(32) NOT NULL,
    updated_at    timestamptz NOT NULL,
    PRIMARY KEY (warehouse_id, sku_id)
);

-- Every packing review (包装复核): what was scanned against what the parcel holds, and the weight.
CREATE TABLE packing_review (
    id                     uuid PRIMARY KEY,
    parcel_id              uuid         NOT NULL REFERENCES parcel (id),
    merchant_id            uuid         NOT NULL,
    matched                boolean      NOT NULL,
    differences            jsonb        NOT NULL DEFAULT '[]',
    weight_grams           bigint       NOT NULL,
    expected_weight_grams  bigint       NOT NULL,
    weight_flagged         boolean      NOT NULL,
    reviewed_by            varchar(255) NOT NULL,
    reviewed_at            timestamptz  NOT NULL
);
CREATE INDEX packing_review_by_parcel ON packing_review (parcel_id, id);
