-- Hot-SKU stock buckets (issue 14): warehouse units a bucketed campaign load moved out of the {p} partition's SKU hash
-- into a stock bucket's slot (lua/move_stock_out.lua), recorded when its batch is marked applied, so the stock
-- expected in every slot can be rebuilt and reconciled from PostgreSQL.
CREATE TABLE stock_move (
    batch_id     uuid    NOT NULL,
    sku_id       uuid    NOT NULL,
    warehouse_id uuid    NOT NULL,
    stock_slot   integer NOT NULL CHECK (stock_slot BETWEEN 1 AND 15),
    units        bigint  NOT NULL CHECK (units > 0),
    PRIMARY KEY (batch_id, sku_id, warehouse_id, stock_slot)
);
