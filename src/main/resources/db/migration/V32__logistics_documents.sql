-- Logistics, documents (批量打印): per-merchant waybill templates and the audit of every document printed.

-- Which fields a waybill label shows, in which order, on which paper. One default per merchant.
CREATE TABLE waybill_template (
    id           uuid PRIMARY KEY,
    merchant_id  uuid         NOT NULL,
    name         varchar(100) NOT NULL,
    paper_size   varchar(8)   NOT NULL CHECK (paper_size IN ('A4', 'A5', 'A6', 'LETTER')),
    fields       jsonb        NOT NULL,
    is_default   boolean      NOT NULL,
    created_at   timestamptz  NOT NULL
);
CREATE INDEX waybill_template_by_merchant ON waybill_template (merchant_id, id);
CREATE UNIQUE INDEX waybill_template_one_default ON waybill_template (merchant_id) WHERE is_default;

-- Who printed which document of which parcels, when (buyer PII is decrypted on these documents only).
CREATE TABLE document_print (
    id           uuid PRIMARY KEY,
    merchant_id  uuid         NOT NULL,
    kind         varchar(16)  NOT NULL CHECK (kind IN ('PICK_LIST', 'PACKING_SLIP', 'WAYBILL')),
    template_id  uuid REFERENCES waybill_template (id),
    parcel_ids   uuid[]       NOT NULL,
    pages        integer      NOT NULL,
    printed_by   varchar(255) NOT NULL,
    printed_at   timestamptz  NOT NULL
);
CREATE INDEX document_print_by_merchant ON document_print (merchant_id, id);
