-- Demo pricing rules for the README's run command (dev profile only): two member tiers, a default shipping
-- template per demo merchant (Blue Harbor also a cheaper EAST one), a spend-threshold promotion at Northwind,
-- 10% off Green Valley's coffee and tea, and a platform coupon "Welcome 5 EUR" to claim.

INSERT INTO member_tier (id, tier, name, discount_bp, created_at, updated_at) VALUES
    ('0190a000-0010-7000-8000-000000000001', 'SILVER', 'Silver member 2% off', 200, now(), now()),
    ('0190a000-0010-7000-8000-000000000002', 'GOLD', 'Gold member 5% off', 500, now(), now());

INSERT INTO shipping_template (id, merchant_id, region_code, first_weight_grams, first_weight_price, step_grams,
                               step_price, free_shipping_threshold, currency, created_at, updated_at) VALUES
    ('0190a000-0011-7000-8000-000000000001', '0190a000-0000-7000-8000-000000000001', '*', 1000, 499, 500, 150, 9900, 'EUR', now(), now()),
    ('0190a000-0011-7000-8000-000000000002', '0190a000-0000-7000-8000-000000000002', '*', 2000, 790, 1000, 250, 14900, 'EUR', now(), now()),
    ('0190a000-0011-7000-8000-000000000003', '0190a000-0000-7000-8000-000000000002', 'EAST', 2000, 390, 1000, 150, 9900, 'EUR', now(), now()),
    ('0190a000-0011-7000-8000-000000000004', '0190a000-0000-7000-8000-000000000003', '*', 3000, 590, 1000, 100, 4900, 'EUR', now(), now());

INSERT INTO promotion (id, merchant_id, kind, name, starts_at, ends_at, discount_bp, currency, active, created_at, updated_at) VALUES
    ('0190a000-0012-7000-8000-000000000001', '0190a000-0000-7000-8000-000000000001', 'SPEND_THRESHOLD',
     'Northwind: 10 EUR off 150, 30 EUR off 300', now() - interval '1 minute', now() + interval '30 days', NULL, 'EUR', true, now(), now()),
    ('0190a000-0012-7000-8000-000000000002', '0190a000-0000-7000-8000-000000000003', 'PERCENT_OFF',
     'Green Valley: 10% off coffee and tea', now() - interval '1 minute', now() + interval '30 days', 1000, NULL, true, now(), now());
INSERT INTO promotion_tier (promotion_id, tier_no, threshold, reduction) VALUES
    ('0190a000-0012-7000-8000-000000000001', 0, 15000, 1000),
    ('0190a000-0012-7000-8000-000000000001', 1, 30000, 3000);
INSERT INTO promotion_sku (promotion_id, sku_id) VALUES
    ('0190a000-0012-7000-8000-000000000002', '0190a000-0002-7000-8000-000000000014'),
    ('0190a000-0012-7000-8000-000000000002', '0190a000-0002-7000-8000-000000000016');

INSERT INTO coupon_template (id, merchant_id, name, kind, amount, percent_bp, percent_cap, min_spend, currency,
                             starts_at, ends_at, total_quantity, issued, active, created_at, updated_at) VALUES
    ('0190a000-0013-7000-8000-000000000001', NULL, 'Welcome 5 EUR', 'FIXED', 500, NULL, NULL, 3000, 'EUR',
     now() - interval '1 minute', now() + interval '30 days', 1000, 0, true, now(), now()),
    ('0190a000-0013-7000-8000-000000000002', '0190a000-0000-7000-8000-000000000002', 'Blue Harbor 15% (max 20 EUR)', 'PERCENT', NULL, 1500, 2000, 5000, 'EUR',
     now() - interval '1 minute', now() + interval '30 days', 200, 0, true, now(), now());
