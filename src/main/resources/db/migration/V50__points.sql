-- Member points (积分, io.flashorder.points): an append-only ledger per buyer. Every change is one entry with its
-- reason and reference; the account row carries the running balance (the sum of the entries) and a version that
-- every entry increments, so writes to one buyer's points are serialised by that row's lock and numbered.
CREATE TABLE points_account (
    buyer_id        text        PRIMARY KEY,
    balance         bigint      NOT NULL DEFAULT 0,
    version         bigint      NOT NULL DEFAULT 0,
    -- The earliest expiry of a credit the expiry job has not passed yet (null: nothing left to expire).
    next_expiry_at  timestamptz,
    created_at      timestamptz NOT NULL,
    updated_at      timestamptz NOT NULL
);
-- The expiry job claims accounts whose next expiry has passed, oldest first (FOR UPDATE SKIP LOCKED).
CREATE INDEX points_account_expiry ON points_account (next_expiry_at) WHERE next_expiry_at IS NOT NULL;

CREATE TABLE points_entry (
    id                 uuid        PRIMARY KEY,
    buyer_id           text        NOT NULL REFERENCES points_account (buyer_id),
    version            bigint      NOT NULL,
    kind               varchar(16) NOT NULL CHECK (kind IN ('EARN', 'REDEEM', 'RETURN', 'CLAWBACK', 'EXPIRE',
                           'ADJUST')),
    amount             bigint      NOT NULL CHECK (amount <> 0),
    balance_after      bigint      NOT NULL,
    reason             text        NOT NULL,
    -- What the entry is about (a merchant order, an order, an after-sale case, an expiry run, an operator's
    -- reference): one entry per buyer, kind and reference, so a retried write is a no-op.
    reference          text        NOT NULL,
    order_id           uuid,
    merchant_order_id  uuid,
    -- The money amount (minor units) the points were computed on: paid goods for EARN, refunded goods for CLAWBACK.
    basis              bigint,
    -- Credits only: when their unspent part expires (FIFO: debits consume the earliest-expiring credits first).
    expires_at         timestamptz,
    actor              text        NOT NULL,
    created_at         timestamptz NOT NULL,
    UNIQUE (buyer_id, kind, reference),
    UNIQUE (buyer_id, version)
);
-- The buyer's ledger, newest first (keyset on the time-ordered id).
CREATE INDEX points_entry_by_buyer ON points_entry (buyer_id, id);
-- Earned and clawed-back points of a merchant order.
CREATE INDEX points_entry_by_merchant_order ON points_entry (merchant_order_id) WHERE merchant_order_id IS NOT NULL;

-- The ledger is append-only: an entry is never changed or removed, corrections are entries of their own.
CREATE FUNCTION points_entry_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'points_entry is append-only';
END $$;
CREATE TRIGGER points_entry_append_only BEFORE UPDATE OR DELETE ON points_entry
    FOR EACH ROW EXECUTE FUNCTION points_entry_append_only();

-- Goods refunded per after-sale case, as points saw them: what a merchant order paid for goods less these is the
-- basis points are earned on at completion; refunds after that claw back their proportional share.
CREATE TABLE points_refund (
    case_id            uuid        PRIMARY KEY,
    buyer_id           text        NOT NULL,
    merchant_order_id  uuid        NOT NULL,
    goods              bigint      NOT NULL CHECK (goods >= 0),
    after_earn         boolean     NOT NULL,
    created_at         timestamptz NOT NULL
);
CREATE INDEX points_refund_by_merchant_order ON points_refund (merchant_order_id);
