-- The risk review queue (审单, io.flashorder.review): a paid order whose risk score crossed the threshold is held
-- (UNDER_REVIEW) until an operator approves or rejects it, or its review time runs out (approved). While it is
-- held or rejected, none of its merchant orders can be handed to a carrier.
CREATE TABLE order_review (
    order_id           uuid        PRIMARY KEY REFERENCES customer_order (id),
    buyer_id           text        NOT NULL,
    merchant_order_ids uuid[]      NOT NULL,
    status             varchar(16) NOT NULL CHECK (status IN ('UNDER_REVIEW', 'APPROVED', 'REJECTED')),
    score              integer     NOT NULL,
    reasons            jsonb       NOT NULL,
    held_at            timestamptz NOT NULL,
    review_due_at      timestamptz NOT NULL,
    decided_at         timestamptz,
    decided_by         varchar(255),
    decision_reason    text
);
-- The queue, oldest first (keyset on the time-ordered order id), and the timeout job's due reviews.
CREATE INDEX order_review_queue ON order_review (status, order_id);
CREATE INDEX order_review_due ON order_review (review_due_at) WHERE status = 'UNDER_REVIEW';
-- The hand-off check looks a merchant order up.
CREATE INDEX order_review_by_merchant_order ON order_review USING gin (merchant_order_ids);
