-- Commits a paid (or cash-on-delivery) order's reservation, once: its units move from held to sold per SKU and per
-- campaign, its coupons become USED, the hold says PAID and the payment-deadline entry goes. Keyed by the order id
-- through the hold's status: a second run changes nothing. PostgreSQL decided the order is paid before this runs.
--
-- Keys and arguments are the same for commit_order, release_order and revive_order:
-- KEYS[1] hold record   KEYS[2] payment deadlines (zset)   KEYS[3] campaign stock   KEYS[4] campaign units per buyer
-- KEYS[5 .. 4+S] stock hash of each SKU of the order       KEYS[5+S .. 4+S+C] hash of each coupon
-- KEYS[5+S+C] the buyer's member points mirror (release and revive give back or hold again the points the order
--             spent; commit leaves them held: they stay held until the points feature mirrors the ledger entry that
--             spent them, so the balance never shows them twice)
-- KEYS[6+S+C] recovery fence (while it exists, a recovery is rebuilding the stock: nothing may move)
-- ARGV[1] orderId  ARGV[2] userId  ARGV[3] TTL s the hold is kept as a marker afterwards  ARGV[4] campaignId ('' = none)
-- ARGV[5] S SKUs  ARGV[6] A allocations  ARGV[7] C coupons  ARGV[8] the campaign's units per buyer (0 = no limit)
-- then S pairs: skuId, units;  then A triplets: SKU index (1..S), warehouseId, units;  then C coupon ids.
-- A SKU counts against the campaign when the order has one and the campaign stock knows the SKU (pricing gives
-- the campaign price to every SKU a live campaign contains, and the reservation held campaign stock for exactly
-- those).
--
-- A missing hold is never trusted: the reservation was lost (Redis came back with less than it had) or expired,
-- so nothing says its units are held here. No counter moves; the caller reports it and recovery or the
-- reconciliation makes Redis agree with PostgreSQL. No counter ever goes below zero: if held cannot cover the
-- order, nothing moves either.
--
-- Returns {'COMMITTED'} | {'ALREADY'} (committed before) | {'RELEASED'} (the units were given back: nothing done)
--      | {'MISSING'} (no hold: nothing done) | {'SHORT', key, field, units there, units needed} (nothing done)
--      | {'RECOVERING'} (a recovery holds the fence: nothing done, run it again later)

if redis.call('EXISTS', KEYS[#KEYS]) == 1 then return {'RECOVERING'} end
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'PAID' then return {'ALREADY'} end
if status == 'RELEASED' then return {'RELEASED'} end
if not status then return {'MISSING'} end

local orderId, campaignId = ARGV[1], ARGV[4]
local skuCount, allocationCount, couponCount = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local lines, arg = {}, 9
for i = 1, skuCount do
  local line = {sku = ARGV[arg], units = tonumber(ARGV[arg + 1]), key = KEYS[4 + i]}
  line.campaign = campaignId ~= '' and redis.call('HEXISTS', KEYS[3], line.sku .. ':loaded') == 1
  lines[i] = line
  arg = arg + 2
end
for _, line in ipairs(lines) do
  local held = tonumber(redis.call('HGET', line.key, 'held') or '0')
  if held < line.units then return {'SHORT', line.key, 'held', tostring(held), tostring(line.units)} end
  if line.campaign then
    local campaignHeld = tonumber(redis.call('HGET', KEYS[3], line.sku .. ':held') or '0')
    if campaignHeld < line.units then
      return {'SHORT', KEYS[3], line.sku .. ':held', tostring(campaignHeld), tostring(line.units)}
    end
  end
end

for _, line in ipairs(lines) do
  redis.call('HINCRBY', line.key, 'held', -line.units)
  redis.call('HINCRBY', line.key, 'sold', line.units)
  if line.campaign then
    redis.call('HINCRBY', KEYS[3], line.sku .. ':held', -line.units)
    redis.call('HINCRBY', KEYS[3], line.sku .. ':sold', line.units)
  end
end
arg = arg + 3 * allocationCount
for c = 1, couponCount do
  redis.call('HSET', KEYS[4 + skuCount + c], 'state', 'USED', 'orderId', orderId)
  arg = arg + 1
end
redis.call('HSET', KEYS[1], 'status', 'PAID')
-- PostgreSQL has the order now: the hold stays only as a marker, without the stream entry it named (nor the order's
-- copy a hold written before the order was kept once in Redis carries).
redis.call('HDEL', KEYS[1], 'entry', 'payload', 'allocation')
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('ZREM', KEYS[2], orderId)
return {'COMMITTED'}
