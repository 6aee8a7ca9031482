-- Buyer feedback: one rating per completed merchant order (the unique merchant_order_id makes a second submit,
-- concurrent or not, insert nothing), the merchant's one reply, and rollups kept in the same transaction as each
-- rating so that summaries are read from a handful of rows, never by scanning the ratings.

CREATE TABLE merchant_order_feedback (
    id                 uuid PRIMARY KEY,
    merchant_order_id  uuid        NOT NULL UNIQUE REFERENCES merchant_order (id),
    order_id           uuid        NOT NULL,
    merchant_id        uuid        NOT NULL,
    buyer_id           text        NOT NULL,
    sku_ids            uuid[]      NOT NULL,
    goods              smallint    NOT NULL CHECK (goods BETWEEN 1 AND 5),
    service            smallint    NOT NULL CHECK (service BETWEEN 1 AND 5),
    delivery           smallint    NOT NULL CHECK (delivery BETWEEN 1 AND 5),
    tags               text[]      NOT NULL DEFAULT '{}',
    -- Comment and reply are stored already masked of personal data: the raw text is never kept.
    comment            text CHECK (char_length(comment) <= 500),
    reply              text CHECK (char_length(reply) <= 500),
    replied_at         timestamptz,
    created_at         timestamptz NOT NULL
);
-- A merchant's feedback, newest first, keyset-paginated on the time-ordered id.
CREATE INDEX merchant_order_feedback_by_merchant ON merchant_order_feedback (merchant_id, id);

-- Star distribution per merchant (sku_id = the nil UUID) and per SKU, and dimension (GOODS, SERVICE, DELIVERY).
CREATE TABLE feedback_star_rollup (
    merchant_id  uuid        NOT NULL,
    sku_id       uuid        NOT NULL,
    dimension    varchar(16) NOT NULL CHECK (dimension IN ('GOODS', 'SERVICE', 'DELIVERY')),
    stars        smallint    NOT NULL CHECK (stars BETWEEN 1 AND 5),
    ratings      bigint      NOT NULL CHECK (ratings >= 0),
    PRIMARY KEY (merchant_id, sku_id, dimension, stars)
);
CREATE INDEX feedback_star_rollup_by_sku ON feedback_star_rollup (sku_id);

-- How many ratings carried each tag, with the same scopes.
CREATE TABLE feedback_tag_rollup (
    merchant_id  uuid        NOT NULL,
    sku_id       uuid        NOT NULL,
    tag          varchar(32) NOT NULL,
    ratings      bigint      NOT NULL CHECK (ratings >= 0),
    PRIMARY KEY (merchant_id, sku_id, tag)
);
CREATE INDEX feedback_tag_rollup_by_sku ON feedback_tag_rollup (sku_id);
