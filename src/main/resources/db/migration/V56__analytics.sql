-- Analytics: rollups maintained by the consumer group "analytics" of the order event stream, one transaction per
-- event, deduplicated by the event id (delivery is at least once). Queries read only rollups, bounded by dates.
-- Unknown warehouse and carrier are stored as the nil UUID and '' (they are part of primary keys).

CREATE TABLE analytics_applied_event (
    event_id    uuid PRIMARY KEY,
    applied_at  timestamptz NOT NULL
);
CREATE INDEX analytics_applied_event_by_time ON analytics_applied_event (applied_at);

-- What is known of each merchant order, each moment set once by the first event that tells it.
CREATE TABLE analytics_order_timeline (
    merchant_order_id  uuid PRIMARY KEY,
    merchant_id        uuid         NOT NULL,
    order_id           uuid,
    campaign_id        uuid,
    currency           varchar(3),
    payable            bigint       NOT NULL DEFAULT 0,
    warehouse_id       uuid,
    carrier            varchar(64),
    lines              jsonb        NOT NULL DEFAULT '[]',
    placed_at          timestamptz,
    paid_at            timestamptz,
    cancelled_at       timestamptz,
    cancel_reason      varchar(64),
    shipped_at         timestamptz,
    delivered_at       timestamptz,
    completed_at       timestamptz
);

CREATE TABLE analytics_case_timeline (
    case_id            uuid PRIMARY KEY,
    merchant_id        uuid        NOT NULL,
    warehouse_id       uuid,
    carrier            varchar(64),
    opened_at          timestamptz,
    ended_at           timestamptz
);

-- Orders by the hour they were placed in: count and GMV, and how many of them were paid or cancelled later.
CREATE TABLE analytics_order_hourly (
    merchant_id  uuid        NOT NULL,
    hour         timestamptz NOT NULL,
    currency     varchar(3)  NOT NULL,
    placed       bigint      NOT NULL DEFAULT 0,
    gmv          bigint      NOT NULL DEFAULT 0,
    paid         bigint      NOT NULL DEFAULT 0,
    paid_amount  bigint      NOT NULL DEFAULT 0,
    cancelled    bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (merchant_id, hour, currency)
);
CREATE INDEX analytics_order_hourly_by_hour ON analytics_order_hourly (hour);

CREATE TABLE analytics_cancel_reason_hourly (
    merchant_id  uuid        NOT NULL,
    hour         timestamptz NOT NULL,
    reason       varchar(64) NOT NULL,
    cancelled    bigint      NOT NULL,
    PRIMARY KEY (merchant_id, hour, reason)
);
CREATE INDEX analytics_cancel_reason_hourly_by_hour ON analytics_cancel_reason_hourly (hour);

-- Stage durations as histograms of fixed logarithmic buckets (DurationBuckets) per day the stage ended.
CREATE TABLE analytics_stage_daily (
    merchant_id   uuid        NOT NULL,
    day           timestamptz NOT NULL,
    stage         varchar(32) NOT NULL,
    warehouse_id  uuid        NOT NULL,
    carrier       varchar(64) NOT NULL,
    bucket        smallint    NOT NULL,
    observations  bigint      NOT NULL,
    total_millis  bigint      NOT NULL,
    PRIMARY KEY (merchant_id, day, stage, warehouse_id, carrier, bucket)
);
CREATE INDEX analytics_stage_daily_by_day ON analytics_stage_daily (day);

-- Units paid for and units in after-sale cases, per SKU and day; cases by reason.
CREATE TABLE analytics_sku_daily (
    merchant_id       uuid        NOT NULL,
    day               timestamptz NOT NULL,
    sku_id            uuid        NOT NULL,
    units_sold        bigint      NOT NULL DEFAULT 0,
    after_sale_units  bigint      NOT NULL DEFAULT 0,
    PRIMARY KEY (merchant_id, day, sku_id)
);
CREATE INDEX analytics_sku_daily_by_day ON analytics_sku_daily (day);

CREATE TABLE analytics_after_sale_reason_daily (
    merchant_id  uuid        NOT NULL,
    day          timestamptz NOT NULL,
    sku_id       uuid        NOT NULL,
    reason       varchar(32) NOT NULL,
    cases        bigint      NOT NULL,
    units        bigint      NOT NULL,
    PRIMARY KEY (merchant_id, day, sku_id, reason)
);
CREATE INDEX analytics_after_sale_reason_daily_by_day ON analytics_after_sale_reason_daily (day);

-- A flash-sale campaign's funnel: orders accepted and paid (each order once), refusals by problem code.
CREATE TABLE analytics_campaign_order (
    order_id     uuid PRIMARY KEY,
    campaign_id  uuid    NOT NULL,
    paid         boolean NOT NULL DEFAULT false
);
CREATE TABLE analytics_campaign_funnel (
    campaign_id  uuid        NOT NULL,
    outcome      varchar(64) NOT NULL,
    placements   bigint      NOT NULL,
    PRIMARY KEY (campaign_id, outcome)
);
