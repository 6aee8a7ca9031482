-- Hot-SKU stock buckets (issue 14): a campaign load records how many buckets its units are split over (the campaign
-- item's stock_buckets when it was loaded), so a replay of a PENDING load splits it the same way.
ALTER TABLE stock_load
    ADD COLUMN stock_buckets integer NOT NULL DEFAULT 1 CHECK (stock_buckets BETWEEN 1 AND 16);
