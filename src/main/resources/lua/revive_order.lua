-- A payment arrived for a cancelled order: sells it its units again if they are still there, all or nothing.
-- Still held (cancelled, not yet released): held -> sold, as commit_order does.
-- Released: the same units from the SAME warehouses they were reserved in (the order's allocation rows stay true),
-- within the campaign stock for campaign SKUs and the campaign's units per buyer, and its coupons only if they are
-- still the buyer's and AVAILABLE (the price paid depends on them); then available -> sold, campaign units counted for the buyer again, coupons
-- USED. The hold says PAID, so a second run changes nothing.
-- Member points the order spent go back to it the same way: still held (its o:<orderId> field in the buyer's points
-- mirror), or held again if the buyer can still spend them (the price paid depends on them).
-- Keys and arguments: see commit_order.lua. No counter ever goes below zero.
-- A bucketed order another bucket than the buyer's home held (its hold names 'home') counted the buyer's units at
-- home, not here: the caller checks the limit and counts them there first (bucket_count_revived.lua), so they are
-- neither checked nor counted here.
--
-- Returns {'REVIVED'} | {'ALREADY'} | {'UNAVAILABLE', what} (nothing changed) | {'UNKNOWN'} (no hold: the
-- reservation's fate cannot be told, so the caller refunds) | {'RECOVERING'} (a recovery holds the fence: nothing
-- changed, run it again later)

if redis.call('EXISTS', KEYS[#KEYS]) == 1 then return {'RECOVERING'} end
local status = redis.call('HGET', KEYS[1], 'status')
if status == 'PAID' then return {'ALREADY'} end
if not status then return {'UNKNOWN'} end

local orderId, userId, campaignId = ARGV[1], ARGV[2], ARGV[4]
local skuCount, allocationCount, couponCount = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local skus, arg = {}, 9
for i = 1, skuCount do
  skus[i] = {sku = ARGV[arg], units = tonumber(ARGV[arg + 1]), key = KEYS[4 + i]}
  skus[i].campaign = campaignId ~= '' and redis.call('HEXISTS', KEYS[3], skus[i].sku .. ':loaded') == 1
  arg = arg + 2
end
local allocations = {}
for a = 1, allocationCount do
  allocations[a] = {index = tonumber(ARGV[arg]), warehouse = ARGV[arg + 1], units = tonumber(ARGV[arg + 2])}
  arg = arg + 3
end
local coupons = {}
for c = 1, couponCount do
  coupons[c] = {id = ARGV[arg], key = KEYS[4 + skuCount + c]}
  arg = arg + 1
end

local function sell(fromField)
  for _, line in ipairs(skus) do
    redis.call('HINCRBY', line.key, fromField, -line.units)
    redis.call('HINCRBY', line.key, 'sold', line.units)
    if line.campaign then
      redis.call('HINCRBY', KEYS[3], line.sku .. ':' .. fromField, -line.units)
      redis.call('HINCRBY', KEYS[3], line.sku .. ':sold', line.units)
    end
  end
  for _, coupon in ipairs(coupons) do
    redis.call('HSET', coupon.key, 'state', 'USED', 'orderId', orderId)
  end
  redis.call('HSET', KEYS[1], 'status', 'PAID')
  redis.call('HDEL', KEYS[1], 'entry', 'payload', 'allocation') -- only the marker stays (see commit_order.lua)
  redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
  redis.call('ZREM', KEYS[2], orderId)
end

if status ~= 'RELEASED' then
  for _, line in ipairs(skus) do
    if tonumber(redis.call('HGET', line.key, 'held') or '0') < line.units then
      return {'UNAVAILABLE', 'held:' .. line.sku}
    end
    if line.campaign and tonumber(redis.call('HGET', KEYS[3], line.sku .. ':held') or '0') < line.units then
      return {'UNAVAILABLE', 'campaign-held:' .. line.sku}
    end
  end
  sell('held')
  return {'REVIVED'}
end

for _, allocation in ipairs(allocations) do
  local line = skus[allocation.index]
  local inWarehouse = tonumber(redis.call('HGET', line.key, 'wh:' .. allocation.warehouse) or '0')
  if inWarehouse < allocation.units then return {'UNAVAILABLE', 'stock:' .. line.sku} end
end
for _, line in ipairs(skus) do
  if tonumber(redis.call('HGET', line.key, 'available') or '0') < line.units then
    return {'UNAVAILABLE', 'stock:' .. line.sku}
  end
  if line.campaign and tonumber(redis.call('HGET', KEYS[3], line.sku .. ':available') or '0') < line.units then
    return {'UNAVAILABLE', 'campaign-stock:' .. line.sku}
  end
end
for _, coupon in ipairs(coupons) do
  local owner, state = unpack(redis.call('HMGET', coupon.key, 'owner', 'state'))
  if owner ~= userId or state ~= 'AVAILABLE' then return {'UNAVAILABLE', 'coupon:' .. coupon.id} end
end
local points = tonumber(redis.call('HGET', KEYS[1], 'points') or '0')
local pointsKey = KEYS[#KEYS - 1]
local pointsBack = points > 0 and redis.call('HEXISTS', pointsKey, 'o:' .. orderId) == 0
if pointsBack then
  local balance, held = unpack(redis.call('HMGET', pointsKey, 'balance', 'held'))
  if not balance or tonumber(balance) - tonumber(held or '0') < points then return {'UNAVAILABLE', 'points'} end
end
-- Releasing gave the buyer's campaign units back, and the buyer may have used them for another order since.
local campaignUnits, limit = 0, tonumber(ARGV[8])
if not redis.call('HGET', KEYS[1], 'home') then
  for _, line in ipairs(skus) do
    if line.campaign then campaignUnits = campaignUnits + line.units end
  end
end
if campaignUnits > 0 and limit > 0
    and tonumber(redis.call('HGET', KEYS[4], userId) or '0') + campaignUnits > limit then
  return {'UNAVAILABLE', 'purchase-limit'}
end

for _, allocation in ipairs(allocations) do
  redis.call('HINCRBY', skus[allocation.index].key, 'wh:' .. allocation.warehouse, -allocation.units)
end
sell('available')
if campaignUnits > 0 then redis.call('HINCRBY', KEYS[4], userId, campaignUnits) end
if pointsBack then
  redis.call('HINCRBY', pointsKey, 'held', points)
  redis.call('HSET', pointsKey, 'o:' .. orderId, points)
end
-- A bucketed order's hold (it records decidedAt, see reserve_order.lua) is in one of the SKU's buckets: that bucket
-- running dry is not the SKU sold out, so only other orders announce it.
if redis.call('HEXISTS', KEYS[1], 'decidedAt') == 1 then return {'REVIVED'} end
for _, line in ipairs(skus) do
  if tonumber(redis.call('HGET', line.key, 'available')) <= 0 then redis.call('PUBLISH', 'stock:soldout', line.sku) end
  if line.campaign and tonumber(redis.call('HGET', KEYS[3], line.sku .. ':available')) <= 0 then
    redis.call('PUBLISH', 'stock:soldout', campaignId .. ':' .. line.sku)
  end
end
return {'REVIVED'}
