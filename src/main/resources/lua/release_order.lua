-- Gives a cancelled order's reservation back, once: units held -> available into the warehouses they came from,
-- campaign stock and the buyer's campaign units back, coupons this order locked -> AVAILABLE, member points it held
-- back to the buyer (only if its o:<orderId> field is still in the buyer's points mirror), the hold says
-- RELEASED (kept ARGV[3] s as the marker that makes a second run a no-op), the deadline entry goes, and every SKU
-- is announced on stock:restocked so pods forget it was sold out. Whoever calls it decided first that the order
-- will never be paid (PostgreSQL cancelled it, or the order could never be persisted).
-- Keys and arguments: see commit_order.lua.
--
-- A missing hold is never trusted: nothing says its units are still held (Redis may have lost the reservation, and
-- giving back units it never held would let them be sold twice). Nothing moves; the caller reports it and
-- recovery or the reconciliation makes Redis agree with PostgreSQL. No counter ever goes below zero: if held
-- cannot cover the order, nothing moves either.
--
-- A bucketed order served by another bucket than the buyer's home (its hold names 'home' and 'homeUnits') counted the
-- buyer's units at home, not here: they are not touched here, and RELEASED and ALREADY name the home slot and units
-- so the caller gives them back there, once (release_buyer_units.lua).
--
-- Returns {'RELEASED'[, home, homeUnits]} | {'ALREADY'[, home, homeUnits]} (released before)
--      | {'PAID'} (a late payment sold the units meanwhile)
--      | {'MISSING'} (no hold) | {'SHORT', key, field, units there, units needed}
--      | {'RECOVERING'} (a recovery holds the fence: run it again later)
-- Every answer but RELEASED means that nothing changed.

if redis.call('EXISTS', KEYS[#KEYS]) == 1 then return {'RECOVERING'} end
local status, home, homeUnits = unpack(redis.call('HMGET', KEYS[1], 'status', 'home', 'homeUnits'))
if status == 'RELEASED' then return {'ALREADY', home or '', homeUnits or ''} end
if status == 'PAID' then return {'PAID'} end
if not status then return {'MISSING'} end

local orderId, userId, campaignId = ARGV[1], ARGV[2], ARGV[4]
local skuCount, allocationCount, couponCount = tonumber(ARGV[5]), tonumber(ARGV[6]), tonumber(ARGV[7])
local lines, arg, campaignUnits = {}, 9, 0
for i = 1, skuCount do
  local line = {sku = ARGV[arg], units = tonumber(ARGV[arg + 1]), key = KEYS[4 + i]}
  line.campaign = campaignId ~= '' and redis.call('HEXISTS', KEYS[3], line.sku .. ':loaded') == 1
  if line.campaign then campaignUnits = campaignUnits + line.units end
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
  redis.call('HINCRBY', line.key, 'available', line.units)
  if line.campaign then
    redis.call('HINCRBY', KEYS[3], line.sku .. ':held', -line.units)
    redis.call('HINCRBY', KEYS[3], line.sku .. ':available', line.units)
    redis.call('PUBLISH', 'stock:restocked', campaignId .. ':' .. line.sku)
  end
end
for a = 1, allocationCount do
  local index, warehouse, units = tonumber(ARGV[arg]), ARGV[arg + 1], tonumber(ARGV[arg + 2])
  arg = arg + 3
  redis.call('HINCRBY', KEYS[4 + index], 'wh:' .. warehouse, units)
end
if campaignUnits > 0 and not home then
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
local pointsKey = KEYS[#KEYS - 1]
local heldPoints = tonumber(redis.call('HGET', pointsKey, 'o:' .. orderId) or '0')
if heldPoints > 0 then
  local held = tonumber(redis.call('HGET', pointsKey, 'held') or '0')
  redis.call('HSET', pointsKey, 'held', math.max(0, held - heldPoints))
  redis.call('HDEL', pointsKey, 'o:' .. orderId)
end
redis.call('HSET', KEYS[1], 'status', 'RELEASED')
redis.call('HDEL', KEYS[1], 'entry', 'payload', 'allocation') -- only the marker stays (see commit_order.lua)
redis.call('EXPIRE', KEYS[1], tonumber(ARGV[3]))
redis.call('ZREM', KEYS[2], orderId)
for _, line in ipairs(lines) do redis.call('PUBLISH', 'stock:restocked', line.sku) end
return {'RELEASED', home or '', homeUnits or ''}
