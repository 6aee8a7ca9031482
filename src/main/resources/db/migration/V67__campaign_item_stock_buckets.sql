-- Hot-SKU stock buckets (issue 14): a campaign item's stock may be split over this many Redis hash slots, so one
-- Redis core no longer caps its sale. 1 keeps everything in the {p} partition, as before.
ALTER TABLE campaign_item
    ADD COLUMN stock_buckets integer NOT NULL DEFAULT 1 CHECK (stock_buckets BETWEEN 1 AND 16);
