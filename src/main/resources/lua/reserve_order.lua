-- Places one order atomically: every effect happens, or none does (Redis runs a script without interleaving).
-- Checks in this order, each refusal leaving nothing behind (except the rate counter, which counts attempts):
-- idempotent replay, blacklist, placement rate, campaign per-user limit, stock of every line, buyer's coupons.
-- Then: takes stock from warehouses in the given preference order (a line may be split), holds campaign stock,
-- counts the buyer's campaign units, locks coupons, writes the hold record and the payment-deadline entry, XADDs
-- the order to the placed-orders stream, records the idempotency key, and signals low and sold-out stock.
--
-- KEYS[1]  idempotency key             KEYS[2]  hold record of this order    KEYS[3]  payment deadlines (zset)
-- KEYS[4]  placed-orders stream        KEYS[5]  stock events stream          KEYS[6]  blacklisted users (set)
-- KEYS[7]  blacklisted phones (set)    KEYS[8]  blacklisted addresses (set)  KEYS[9]  buyer's placement counter
-- KEYS[10] campaign stock (hash)       KEYS[11] campaign units per buyer (hash)
-- KEYS[12 .. 11+L]        stock hash of each line's SKU, in line order
-- KEYS[12+L .. 11+L+C]    hash of each coupon
--
-- ARGV[1] orderId  ARGV[2] userId  ARGV[3] request hash  ARGV[4] idempotency TTL s  ARGV[5] hold TTL s
-- ARGV[6] payment deadline (epoch ms)  ARGV[7] phone fingerprint  ARGV[8] address fingerprint
-- ARGV[9] placements allowed per window (0 = no limit)  ARGV[10] window s  ARGV[11] campaignId ('' = none)
-- ARGV[12] campaign per-user limit  ARGV[13] order payload (JSON)  ARGV[14] L lines  ARGV[15] C coupons
-- then per line: skuId, quantity, 1 if sold at the campaign price else 0, low-stock threshold, W, W warehouse ids
-- then C coupon ids.
--
-- Returns {'OK', orderId, allocation JSON, comma-separated SKUs that crossed their low-stock threshold}
--      or {'REPLAY', orderId} | {'KEY_REUSED'} | {'BLACKLISTED', what} | {'RATE_LIMITED'}
--      or {'LIMIT_EXCEEDED', units already bought, limit} | {'SOLD_OUT', sku, units available, ...}
--      or {'COUPON_UNAVAILABLE', couponId}

local orderId, userId = ARGV[1], ARGV[2]

local previous = redis.call('GET', KEYS[1])
if previous then
  local bar = string.find(previous, '|', 1, true)
  if string.sub(previous, 1, bar - 1) == ARGV[3] then
    return {'REPLAY', string.sub(previous, bar + 1)}
  end
  return {'KEY_REUSED'}
end

if redis.call('SISMEMBER', KEYS[6], userId) == 1 then return {'BLACKLISTED', 'user'} end
if ARGV[7] ~= '' and redis.call('SISMEMBER', KEYS[7], ARGV[7]) == 1 then return {'BLACKLISTED', 'phone'} end
if ARGV[8] ~= '' and redis.call('SISMEMBER', KEYS[8], ARGV[8]) == 1 then return {'BLACKLISTED', 'address'} end

local allowed = tonumber(ARGV[9])
if allowed > 0 then
  local attempts = redis.call('INCR', KEYS[9])
  if attempts == 1 then redis.call('EXPIRE', KEYS[9], tonumber(ARGV[10])) end
  if attempts > allowed then return {'RATE_LIMITED'} end
end

local lineCount, couponCount = tonumber(ARGV[14]), tonumber(ARGV[15])
local lines, arg = {}, 16
for i = 1, lineCount do
  local line = {sku = ARGV[arg], qty = tonumber(ARGV[arg + 1]), campaign = ARGV[arg + 2] == '1',
                threshold = tonumber(ARGV[arg + 3]), key = KEYS[11 + i], warehouses = {}}
  local warehouseCount = tonumber(ARGV[arg + 4])
  arg = arg + 5
  for w = 1, warehouseCount do
    line.warehouses[w] = ARGV[arg]
    arg = arg + 1
  end
  lines[i] = line
end
local coupons = {}
for c = 1, couponCount do
  coupons[c] = {id = ARGV[arg], key = KEYS[11 + lineCount + c]}
  arg = arg + 1
end

local campaignId, campaignUnits = ARGV[11], 0
for _, line in ipairs(lines) do
  if line.campaign then campaignUnits = campaignUnits + line.qty end
end
if campaignUnits > 0 then
  local bought = tonumber(redis.call('HGET', KEYS[11], userId) or '0')
  if bought + campaignUnits > tonumber(ARGV[12]) then
    return {'LIMIT_EXCEEDED', tostring(bought), ARGV[12]}
  end
end

local soldOut = {}
for _, line in ipairs(lines) do
  line.available = {}
  local total = 0
  if #line.warehouses > 0 then
    local fields = {}
    for w, warehouse in ipairs(line.warehouses) do fields[w] = 'wh:' .. warehouse end
    local counts = redis.call('HMGET', line.key, unpack(fields))
    for w = 1, #fields do
      line.available[w] = tonumber(counts[w] or '0')
      total = total + line.available[w]
    end
  end
  if line.campaign then
    total = math.min(total, tonumber(redis.call('HGET', KEYS[10], line.sku .. ':available') or '0'))
  end
  if total < line.qty then
    soldOut[#soldOut + 1] = line.sku
    soldOut[#soldOut + 1] = tostring(total)
  end
end
if #soldOut > 0 then return {'SOLD_OUT', unpack(soldOut)} end

for _, coupon in ipairs(coupons) do
  local owner, state = unpack(redis.call('HMGET', coupon.key, 'owner', 'state'))
  if owner ~= userId or state ~= 'AVAILABLE' then return {'COUPON_UNAVAILABLE', coupon.id} end
end

-- Every check passed: from here on, everything is applied.
local allocation, lowStock = {}, {}
for _, line in ipairs(lines) do
  local missing = line.qty
  for w, warehouse in ipairs(line.warehouses) do
    if missing == 0 then break end
    local take = math.min(missing, line.available[w])
    if take > 0 then
      redis.call('HINCRBY', line.key, 'wh:' .. warehouse, -take)
      allocation[#allocation + 1] = {sku = line.sku, warehouse = warehouse, quantity = take}
      missing = missing - take
    end
  end
  local after = redis.call('HINCRBY', line.key, 'available', -line.qty)
  redis.call('HINCRBY', line.key, 'held', line.qty)
  if after + line.qty > line.threshold and after <= line.threshold then
    lowStock[#lowStock + 1] = line.sku
    redis.call('XADD', KEYS[5], '*', 'type', 'LowStock', 'skuId', line.sku, 'remaining', tostring(after),
      'threshold', tostring(line.threshold))
  end
  if after <= 0 then redis.call('PUBLISH', 'stock:soldout', line.sku) end
  if line.campaign then
    local left = redis.call('HINCRBY', KEYS[10], line.sku .. ':available', -line.qty)
    redis.call('HINCRBY', KEYS[10], line.sku .. ':held', line.qty)
    if left <= 0 then redis.call('PUBLISH', 'stock:soldout', campaignId .. ':' .. line.sku) end
  end
end
if campaignUnits > 0 then redis.call('HINCRBY', KEYS[11], userId, campaignUnits) end
for _, coupon in ipairs(coupons) do
  redis.call('HSET', coupon.key, 'state', 'LOCKED', 'orderId', orderId)
end

local allocationJson = cjson.encode(allocation)
redis.call('HSET', KEYS[2], 'userId', userId, 'status', 'PENDING_PAYMENT', 'payload', ARGV[13],
  'allocation', allocationJson)
redis.call('EXPIRE', KEYS[2], tonumber(ARGV[5]))
redis.call('ZADD', KEYS[3], ARGV[6], orderId)
redis.call('XADD', KEYS[4], '*', 'orderId', orderId, 'payload', ARGV[13], 'allocation', allocationJson)
redis.call('SET', KEYS[1], ARGV[3] .. '|' .. orderId, 'EX', tonumber(ARGV[4]))
return {'OK', orderId, allocationJson, table.concat(lowStock, ',')}
