-- Places one order atomically: every effect happens, or none does (Redis runs a script without interleaving).
-- Refuses everything while the stock is not trusted (a recovery holds the fence, or the epoch key is missing: Redis
-- came back without it, so it may have lost writes; the service rebuilds from PostgreSQL and writes it again).
-- Checks in this order, each refusal leaving nothing behind (except the rate counter, which counts attempts):
-- idempotent replay, blacklist, placement rate, stock of every line, buyer's coupons, the buyer's spendable member
-- points (only for an order that spends some: no other order touches the points key), campaign per-user limit (last:
-- counting the units is the check, undone on a refusal; a buyer past the limit on a sold-out SKU is told it is sold
-- out, as the service's sold-out cache tells it without asking Redis).
-- Then: takes stock from warehouses in the given preference order (a line may be split), holds campaign stock,
-- locks coupons, holds points, XADDs the order to the placed-orders stream, writes the hold record (naming that
-- stream entry) and the payment-deadline entry, records the idempotency key, and signals low and sold-out stock.
-- The hold has no TTL: it is the reservation itself and lives until commit_order or release_order settles it
-- (then it is kept as a marker for the settled-hold TTL). A hold that expired while its order could still be paid
-- or cancelled would strand its units, since the settlement scripts never trust a missing hold.
--
-- KEYS[1]  idempotency key             KEYS[2]  hold record of this order    KEYS[3]  payment deadlines (zset)
-- KEYS[4]  placed-orders stream        KEYS[5]  stock events stream
-- KEYS[6]  blacklist (set of user:<id>, phone:<fingerprint>, address:<fingerprint>)
-- KEYS[7]  buyer's placement counter   KEYS[8]  campaign stock (hash)        KEYS[9]  campaign units per buyer (hash)
-- KEYS[10 .. 9+L]         stock hash of each line's SKU, in line order
-- KEYS[10+L .. 9+L+C]     hash of each coupon
-- KEYS[10+L+C]            the buyer's points (only when the order spends points: P > 0)
-- role 'H' only: this slot's pending fallbacks (zset, see below), just before the last two keys
-- then the recovery fence and the stock epoch (always the last two keys)
--
-- ARGV[1] orderId  ARGV[2] userId  ARGV[3] request hash  ARGV[4] idempotency TTL s
-- ARGV[5] payment deadline (epoch ms)  ARGV[6] phone fingerprint  ARGV[7] address fingerprint
-- ARGV[8] placements allowed per window (0 = no limit)  ARGV[9] window s  ARGV[10] campaignId ('' = none)
-- ARGV[11] campaign per-user limit  ARGV[12] order payload (JSON)  ARGV[13] L lines  ARGV[14] C coupons
-- ARGV[15] role: '' an order of {p} or of a one-bucket item (as always), 'H' a bucketed order in the buyer's home
--          bucket slot, 'D' the same order in another bucket's slot (a donor) after home lacked the units
-- ARGV[16] the buyer's home slot index (role 'D': written on the hold so its release gives the counted units back)
-- then per line: skuId, quantity, 1 if sold at the campaign price else 0, low-stock threshold, W, W warehouse ids
-- then C coupon ids, then P: the points the order spends (0 = none).
--
-- Returns {'OK', orderId, allocation JSON, comma-separated SKUs that crossed their low-stock threshold}
--      or {'REPLAY', orderId} | {'KEY_REUSED'} | {'BLACKLISTED', what} | {'RATE_LIMITED'}
--      or {'LIMIT_EXCEEDED', units already bought, limit} | {'SOLD_OUT', sku, units available, ...}
--      or {'COUPON_UNAVAILABLE', couponId} | {'RECOVERING'} (stock not trusted now: nothing done)
--      or {'POINTS_NOT_LOADED'} (the buyer's points mirror is missing or of another epoch: load it, then try again)
--      or {'POINTS_INSUFFICIENT', spendable points}
--      or {'PENDING', orderId} (role 'H' or a retry: this request's fallback to other buckets is not settled yet)
-- Bucketed roles (inventory/bucket, checkout's StockPlacement), every key in one bucket's slot:
--   'H' when the home bucket lacks units: the buyer's campaign units are counted all the same and the key is recorded
--       as <hash>|<orderId>|P (pending), so a concurrent order of the buyer cannot pass the limit while this one asks
--       the other buckets; returns {'FALLBACK', server time us, sku, units here, ...}. settle_fallback.lua ends it,
--       or, should the caller die first, the sweeper (inventory.PendingFallback): the pending fallbacks zset
--       gets <orderId>|<campaignId>|<first line's sku>|<campaign units>|<idempotency key> at the server time in ms.
--   'D' no limit check or count (counted at home); a refusal is recorded as <hash>|<orderId>|X, so every attempt of
--       the same request gets the same answer from this bucket (two concurrent retries cannot be served by two
--       buckets); returns {'SHORT', server time us, sku, units here, ...}; the hold names the home slot.
--   Neither publishes stock:soldout (one bucket being empty is not the SKU being sold out); an accepted hold records
--   decidedAt (server time us).

-- One read for both (strings): the fence held, or the epoch missing.
local fence, epoch = unpack(redis.call('MGET', KEYS[#KEYS - 1], KEYS[#KEYS]))
if fence or not epoch then
  return {'RECOVERING'}
end

local orderId, userId = ARGV[1], ARGV[2]
local role = ARGV[15]
local function now()
  local time = redis.call('TIME')
  return time[1] .. string.format('%06d', tonumber(time[2]))
end

-- <request hash>|<orderId>[|P pending fallback | |X refused in this donor bucket]
local refusedBefore = false
local previous = redis.call('GET', KEYS[1])
if previous then
  local hash, previousOrder, state = string.match(previous, '^([^|]*)|([^|]*)|?(.*)$')
  if state == 'X' and previousOrder ~= orderId then
    -- a donor's refusal of an earlier attempt, which its home settled as refused: forgotten
  elseif hash ~= ARGV[3] then
    return {'KEY_REUSED'}
  elseif state == '' then
    return {'REPLAY', previousOrder}
  elseif state == 'P' then
    return {'PENDING', previousOrder}
  else
    refusedBefore = true
  end
end

-- One command for the three kinds (a missing fingerprint, '', is never listed: no entry has an empty value).
local listed = redis.call('SMISMEMBER', KEYS[6], 'user:' .. userId, 'phone:' .. ARGV[6], 'address:' .. ARGV[7])
if listed[1] == 1 then return {'BLACKLISTED', 'user'} end
if listed[2] == 1 and ARGV[6] ~= '' then return {'BLACKLISTED', 'phone'} end
if listed[3] == 1 and ARGV[7] ~= '' then return {'BLACKLISTED', 'address'} end

local allowed = tonumber(ARGV[8])
if allowed > 0 then
  local attempts = redis.call('INCR', KEYS[7])
  if attempts == 1 then redis.call('EXPIRE', KEYS[7], ARGV[9]) end
  if attempts > allowed then return {'RATE_LIMITED'} end
end

local lineCount, couponCount = tonumber(ARGV[13]), tonumber(ARGV[14])
local lines, arg = {}, 17
for i = 1, lineCount do
  local line = {sku = ARGV[arg], qty = tonumber(ARGV[arg + 1]), campaign = ARGV[arg + 2] == '1',
                threshold = tonumber(ARGV[arg + 3]), key = KEYS[9 + i], warehouses = {}}
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
  coupons[c] = {id = ARGV[arg], key = KEYS[9 + lineCount + c]}
  arg = arg + 1
end
local points = tonumber(ARGV[arg] or '0')
local pointsKey = KEYS[10 + lineCount + couponCount]

local campaignId, campaignUnits = ARGV[10], 0
for _, line in ipairs(lines) do
  if line.campaign then campaignUnits = campaignUnits + line.qty end
end
-- The buyer's campaign units are counted (not for a donor: counted at home) once every other check has passed, with
-- one HINCRBY whose result is the limit check: past the limit, the count is put back as it was and the order refused.
local countsUnits = campaignUnits > 0 and role ~= 'D'
local function countUnitsOrRefuse()
  local counted = redis.call('HINCRBY', KEYS[9], userId, campaignUnits)
  if counted <= tonumber(ARGV[11]) then return nil end
  if counted == campaignUnits then
    redis.call('HDEL', KEYS[9], userId)
  else
    redis.call('HINCRBY', KEYS[9], userId, -campaignUnits)
  end
  return {'LIMIT_EXCEEDED', tostring(counted - campaignUnits), ARGV[11]}
end

-- Each hash is read once here (the warehouses' units with the SKU's 'available' and 'held'; the campaign's
-- '<sku>:available' and '<sku>:held') and, if the order is accepted, written once with the new values (HSET):
-- nothing else runs in between, so this is the same as incrementing each field, in fewer commands.
local soldOut = {}
for _, line in ipairs(lines) do
  line.available = {}
  local total = 0
  local fields = {'available', 'held'}
  for w, warehouse in ipairs(line.warehouses) do fields[w + 2] = 'wh:' .. warehouse end
  local counts = redis.call('HMGET', line.key, unpack(fields))
  line.skuAvailable, line.skuHeld = tonumber(counts[1] or '0'), tonumber(counts[2] or '0')
  for w = 1, #line.warehouses do
    line.available[w] = tonumber(counts[w + 2] or '0')
    total = total + line.available[w]
  end
  if line.campaign then
    local campaignAvailable, campaignHeld = unpack(redis.call('HMGET', KEYS[8], line.sku .. ':available',
      line.sku .. ':held'))
    line.campaignAvailable, line.campaignHeld = tonumber(campaignAvailable or '0'), tonumber(campaignHeld or '0')
    total = math.min(total, line.campaignAvailable)
  end
  if total < line.qty then
    soldOut[#soldOut + 1] = line.sku
    soldOut[#soldOut + 1] = tostring(total)
  end
end
if role == 'H' and #soldOut > 0 then
  if countsUnits then
    local refused = countUnitsOrRefuse()
    if refused then return refused end
  end
  redis.call('SET', KEYS[1], ARGV[3] .. '|' .. orderId .. '|P', 'EX', ARGV[4])
  local at = now()
  redis.call('ZADD', KEYS[#KEYS - 2], string.sub(at, 1, -4), table.concat({orderId, campaignId, lines[1].sku,
    campaignUnits, KEYS[1]}, '|'))
  return {'FALLBACK', at, unpack(soldOut)}
end
if role == 'D' and (#soldOut > 0 or refusedBefore) then
  redis.call('SET', KEYS[1], ARGV[3] .. '|' .. orderId .. '|X', 'EX', ARGV[4])
  return {'SHORT', now(), unpack(soldOut)}
end
if #soldOut > 0 then return {'SOLD_OUT', unpack(soldOut)} end

for _, coupon in ipairs(coupons) do
  local owner, state = unpack(redis.call('HMGET', coupon.key, 'owner', 'state'))
  if owner ~= userId or state ~= 'AVAILABLE' then return {'COUPON_UNAVAILABLE', coupon.id} end
end

if points > 0 then
  local balance, held, pointsEpoch = unpack(redis.call('HMGET', pointsKey, 'balance', 'held', 'epoch'))
  if not balance or pointsEpoch ~= epoch then return {'POINTS_NOT_LOADED'} end
  local spendable = tonumber(balance) - tonumber(held or '0')
  if spendable < points then return {'POINTS_INSUFFICIENT', tostring(math.max(spendable, 0))} end
end

if countsUnits then
  local refused = countUnitsOrRefuse()
  if refused then return refused end
end

-- Every check passed: from here on, everything is applied.
local allocation, lowStock = {}, {}
for _, line in ipairs(lines) do
  local missing = line.qty
  local after = line.skuAvailable - line.qty
  local writes = {'available', after, 'held', line.skuHeld + line.qty}
  for w, warehouse in ipairs(line.warehouses) do
    if missing == 0 then break end
    local take = math.min(missing, line.available[w])
    if take > 0 then
      writes[#writes + 1] = 'wh:' .. warehouse
      writes[#writes + 1] = line.available[w] - take
      allocation[#allocation + 1] = {sku = line.sku, warehouse = warehouse, quantity = take}
      missing = missing - take
    end
  end
  redis.call('HSET', line.key, unpack(writes))
  if after + line.qty > line.threshold and after <= line.threshold then
    lowStock[#lowStock + 1] = line.sku
    redis.call('XADD', KEYS[5], '*', 'type', 'LowStock', 'skuId', line.sku, 'remaining', tostring(after),
      'threshold', tostring(line.threshold))
  end
  if after <= 0 and role == '' then redis.call('PUBLISH', 'stock:soldout', line.sku) end
  if line.campaign then
    local left = line.campaignAvailable - line.qty
    redis.call('HSET', KEYS[8], line.sku .. ':available', left, line.sku .. ':held', line.campaignHeld + line.qty)
    if left <= 0 and role == '' then redis.call('PUBLISH', 'stock:soldout', campaignId .. ':' .. line.sku) end
  end
end
for _, coupon in ipairs(coupons) do
  redis.call('HSET', coupon.key, 'state', 'LOCKED', 'orderId', orderId)
end

if points > 0 then
  redis.call('HINCRBY', pointsKey, 'held', points)
  redis.call('HSET', pointsKey, 'o:' .. orderId, points)
end

local allocationJson = cjson.encode(allocation)
-- The order itself (payload and allocation) is written once, to the stream; the hold names its entry, where a read
-- before PostgreSQL has the order finds it. Kept small (no field past 64 bytes), the hold stays a listpack.
local entry = redis.call('XADD', KEYS[4], '*', 'orderId', orderId, 'payload', ARGV[12], 'allocation', allocationJson)
redis.call('HSET', KEYS[2], 'userId', userId, 'status', 'PENDING_PAYMENT', 'entry', entry)
if points > 0 then redis.call('HSET', KEYS[2], 'points', points) end
if role ~= '' then redis.call('HSET', KEYS[2], 'decidedAt', now()) end
if role == 'D' then redis.call('HSET', KEYS[2], 'home', ARGV[16], 'homeUnits', campaignUnits) end
redis.call('ZADD', KEYS[3], ARGV[5], orderId)
redis.call('SET', KEYS[1], ARGV[3] .. '|' .. orderId, 'EX', ARGV[4])
return {'OK', orderId, allocationJson, table.concat(lowStock, ',')}
