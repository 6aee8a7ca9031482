-- Reliability of the stock in Redis: what lets a pod tell that Redis came back with less than it had, and the audit
-- of every repair made to it from PostgreSQL (recovery and reconciliation). V8 is payments' per-transaction records.

-- The stock generation. Redis keeps the same number under stock:{p}:epoch; a recovery writes the next one here,
-- then in Redis, once it has rebuilt the stock. A Redis without it (wiped, replaced) or with another one (restored
-- from an older copy) is not trusted until it has been rebuilt.
CREATE TABLE stock_epoch (
    partition   varchar(16) PRIMARY KEY,
    epoch       bigint      NOT NULL CHECK (epoch > 0),
    updated_at  timestamptz NOT NULL
);

-- The highest placed-orders stream entry the order writer has committed to PostgreSQL (ms-seq of the Redis stream
-- id), written in the writer's batch transaction. If Redis' stream was last given an id below it, Redis lost
-- reservations that PostgreSQL has: their stock must be rebuilt from here before orders are taken again.
CREATE TABLE order_stream_watermark (
    stream      varchar(64) PRIMARY KEY,
    last_ms     bigint      NOT NULL,
    last_seq    bigint      NOT NULL,
    updated_at  timestamptz NOT NULL
);

-- Every change made to Redis' stock to make it agree with PostgreSQL: one row per counter (or hold) a recovery
-- rewrote or a reconciliation repaired, with what Redis said, what PostgreSQL implies, and the change applied.
CREATE TABLE stock_repair (
    id            uuid PRIMARY KEY,
    run_id        uuid        NOT NULL,
    source        varchar(16) NOT NULL CHECK (source IN ('RECOVERY', 'RECONCILIATION')),
    sku_id        uuid,
    warehouse_id  uuid,
    campaign_id   uuid,
    order_id      uuid,
    field         text        NOT NULL,
    observed      bigint,
    expected      bigint,
    applied       bigint,
    detail        text,
    at            timestamptz NOT NULL
);
CREATE INDEX stock_repair_by_run ON stock_repair (run_id);
CREATE INDEX stock_repair_by_sku ON stock_repair (sku_id, at);

-- Recovery and reconciliation read the orders Redis may still hold: every unsettled one (pending included).
CREATE INDEX customer_order_stock_unsettled ON customer_order (id) WHERE stock_settled_at IS NULL;
