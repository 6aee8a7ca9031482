-- The Redis slot (inventory.OrderSlot: 0 = the {p} partition, i = stock bucket i of a hot campaign item) an order
-- was placed in: its hold, payment-deadline entry and stock counters live there, so payment, cancellation, expiry
-- and revive settle it there. Orders placed before buckets were wired in all lived in {p}.
ALTER TABLE customer_order ADD COLUMN stock_slot smallint NOT NULL DEFAULT 0
    CONSTRAINT customer_order_stock_slot_range CHECK (stock_slot BETWEEN 0 AND 15);
