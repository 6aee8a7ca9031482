-- Logistics, carriers: per-merchant carrier rules and insurance settings, waybills booked with a carrier provider,
-- signed tracking callbacks (each event kept once, applied only if newer than what the parcel shows), insurance
-- claims on lost or damaged insured parcels.

ALTER TABLE parcel DROP CONSTRAINT parcel_status_check;
ALTER TABLE parcel ADD CONSTRAINT parcel_status_check CHECK (status IN ('AWAITING_PICK', 'PICKING', 'PACKING',
    'READY', 'SHIPPED', 'DELIVERED', 'REFUSED', 'EXCEPTION', 'MERGED'));
ALTER TABLE parcel
    ADD COLUMN carrier_reason     text,
    ADD COLUMN currency           varchar(3),
    ADD COLUMN declared_value     bigint CHECK (declared_value >= 0),
    ADD COLUMN shipping_cost      bigint CHECK (shipping_cost >= 0),
    ADD COLUMN insured            boolean     NOT NULL DEFAULT false,
    ADD COLUMN insurance_premium  bigint CHECK (insurance_premium >= 0),
    ADD COLUMN label              text,
    ADD COLUMN booked_at          timestamptz,
    ADD COLUMN tracking_status    varchar(24),
    ADD COLUMN last_event_at      timestamptz,
    ADD COLUMN delivered_at       timestamptz,
    ADD COLUMN signer             text,
    ADD COLUMN exception_reason   varchar(16);
-- Tracking callbacks name the parcel by carrier and tracking number.
CREATE INDEX parcel_by_tracking ON parcel (carrier, tracking_number) WHERE tracking_number IS NOT NULL;

-- Which carrier may take a parcel (region, weight band, declared value, cash on delivery) and what it costs:
-- base_cost + cost_per_kg for every started kilogram. region_code '*' matches every region.
CREATE TABLE carrier_rule (
    id                  uuid PRIMARY KEY,
    merchant_id         uuid        NOT NULL,
    carrier             varchar(64) NOT NULL,
    region_code         varchar(16) NOT NULL,
    min_weight_grams    bigint      NOT NULL CHECK (min_weight_grams >= 0),
    max_weight_grams    bigint      NOT NULL,
    max_declared_value  bigint CHECK (max_declared_value >= 0),
    cod_supported       boolean     NOT NULL,
    currency            varchar(3)  NOT NULL,
    base_cost           bigint      NOT NULL CHECK (base_cost >= 0),
    cost_per_kg         bigint      NOT NULL CHECK (cost_per_kg >= 0),
    preferred           boolean     NOT NULL,
    created_at          timestamptz NOT NULL,
    CHECK (max_weight_grams >= min_weight_grams)
);
CREATE INDEX carrier_rule_by_merchant ON carrier_rule (merchant_id, id);

-- A merchant's shipping insurance (保价): parcels whose goods value exceeds the threshold are insured; the premium
-- is basis points of the declared value, rounded up, and never below the minimum fee. No row: not insured.
CREATE TABLE logistics_settings (
    merchant_id              uuid PRIMARY KEY,
    insurance_threshold      bigint      NOT NULL CHECK (insurance_threshold >= 0),
    insurance_basis_points   integer     NOT NULL CHECK (insurance_basis_points BETWEEN 0 AND 10000),
    insurance_minimum_fee    bigint      NOT NULL CHECK (insurance_minimum_fee >= 0),
    updated_at               timestamptz NOT NULL
);

-- Every tracking event a carrier sent, once per (carrier, event id); applied says whether it moved the parcel
-- (false: older than what the parcel showed, or after it was delivered or refused).
CREATE TABLE tracking_event (
    id           uuid PRIMARY KEY,
    parcel_id    uuid         NOT NULL REFERENCES parcel (id),
    carrier      varchar(64)  NOT NULL,
    event_id     varchar(128) NOT NULL,
    status       varchar(24)  NOT NULL,
    occurred_at  timestamptz  NOT NULL,
    received_at  timestamptz  NOT NULL,
    location     text,
    detail       text,
    signer       text,
    reason       varchar(16),
    applied      boolean      NOT NULL,
    UNIQUE (carrier, event_id, parcel_id)
);
CREATE INDEX tracking_event_by_parcel ON tracking_event (parcel_id, occurred_at);

-- Signatures of carrier callbacks already accepted (replays are refused); purged once older than the tolerance.
CREATE TABLE carrier_webhook_signature (
    carrier      varchar(64)  NOT NULL,
    signature    varchar(128) NOT NULL,
    received_at  timestamptz  NOT NULL,
    PRIMARY KEY (carrier, signature)
);
CREATE INDEX carrier_webhook_signature_by_age ON carrier_webhook_signature (received_at);

-- An insured parcel lost or damaged: the merchant's claim against the carrier's insurance.
CREATE TABLE insurance_claim (
    id              uuid PRIMARY KEY,
    parcel_id       uuid        NOT NULL UNIQUE REFERENCES parcel (id),
    merchant_id     uuid        NOT NULL,
    reason          varchar(16) NOT NULL CHECK (reason IN ('LOST', 'DAMAGED')),
    declared_value  bigint      NOT NULL,
    premium         bigint      NOT NULL,
    currency        varchar(3)  NOT NULL,
    status          varchar(16) NOT NULL CHECK (status IN ('OPEN')),
    opened_at       timestamptz NOT NULL
);
CREATE INDEX insurance_claim_by_merchant ON insurance_claim (merchant_id, id);
