-- After-sales step 5: an exchange's replacement. The buyer names, per line, the SKU it wants back (the same one, or
-- another variant at the same price); approval takes those units out of available stock in Redis
-- (lua/take_stock.lua, once per reservation) and records them here in the same transaction. The reconciliation
-- counts them as sold; a case that ends before the goods came back gives them back (after_sale_stock_return).
ALTER TABLE after_sale_case_line ADD COLUMN replacement_sku_id uuid;

CREATE TABLE after_sale_exchange_unit (
    case_id         uuid        NOT NULL REFERENCES after_sale_case (id),
    line_id         uuid        NOT NULL REFERENCES order_line (id),
    sku_id          uuid        NOT NULL,
    warehouse_id    uuid        NOT NULL,
    quantity        integer     NOT NULL CHECK (quantity > 0),
    -- The Redis marker of the take (stock:{p}:taken:<reservationId>), so a retried script never takes twice.
    reservation_id  uuid        NOT NULL,
    reserved_at     timestamptz NOT NULL,
    PRIMARY KEY (case_id, line_id)
);
CREATE INDEX after_sale_exchange_unit_by_sku ON after_sale_exchange_unit (sku_id, warehouse_id);
