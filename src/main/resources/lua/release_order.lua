-- Gives a cancelled order's reservation back, once: units held -> available into the warehouses they came from,
-- campaign stock and the buyer's campaign units back, coupons this order locked -> AVAILABLE, the hold says
-- RELEASED (kept ARGV[3] s as the marker that makes a second run a no-op), the deadline entry goes, and every SKU
-- is announced on stock:restocked so pods forget it was sold out. PostgreSQL cancelled the order before this runs.
-- A missing hold means it expired while still holding (nobody settled it): the units are released.
-- Keys and arguments: see commit_order.lua.
--
-- Returns {'RELEASED'} | {'ALREADY'} | {'PAID'} (a late payment sold the units meanwhile: nothing done)

local status = redis.call('HGET', KEYS[1], 'status')
if status == 'RELEASED' then return {'ALREADY'} end
if status == 'PAID' then return {'PAID'} end

local orderId, userId, campaignId = ARGV[1], ARGV[2], ARGV[4]
local skuCount, allocationCount, couponCount = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local skus, arg, campaignUnits = {}, 9, 0
for i = 1, skuCount do
  local sku, units = ARGV[arg], tonumber(ARGV[arg + 1])
  arg = arg + 2
  skus[i] = sku
  redis.call('HINCRBY', KEYS[4 + i], 'held', -units)
  redis.call('HINCRBY', KEYS[4 + i], 'available', units)
  if campaignId ~= '' and redis.call('HEXISTS', KEYS[3], sku .. ':loaded') == 1 then
    redis.call('HINCRBY', KEYS[3], sku .. ':held', -units)
    redis.call('HINCRBY', KEYS[3], sku .. ':available', units)
    campaignUnits = campaignUnits + units
    redis.call('PUBLISH', 'stock:restocked', campaignId .. ':' .. sku)
  end
end
for a = 1, allocationCount do
  local index, warehouse, units = tonumber(ARGV[arg]), ARGV[arg + 1], tonumber(ARGV[arg + 2])
  arg = arg + 3
  redis.call('HINCRBY', KEYS[4 + index], 'wh:' .. warehouse, units)
end
if campaignUnits > 0 then
  local left = redis.call('HINCRBY', KEYS[4], userId, -campaignUnits)
  if left <= 0 then redis.call('HDEL', KEYS[4], userId) end
end
for c = 1, couponCount do
  local key = KEYS[4 + skuCount + c]
  -- Only a coupon this order still locks goes back; one used or re-locked elsewhere is not ours to touch.
  local state, lockedBy = unpack(redis.call('HMGET', key, 'state', 'orderId'))
  if state == 'LOCKED' and lockedBy == orderId then
    redis.call('HSET', key, 'state', 'AVAILABLE')
    redis.call('HDEL', key, 'orderId')
  end
  arg = arg + 1
end
redis.call('HSET', KEYS[1], 'status', 'RELEASED')
redis.call('HDEL', KEYS[1], 'payload', 'allocation') -- only the marker stays (see commit_order.lua)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('ZREM', KEYS[2], orderId)
for _, sku in ipairs(skus) do redis.call('PUBLISH', 'stock:restocked', sku) end
return {'RELEASED'}
