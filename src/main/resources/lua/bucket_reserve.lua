-- Hot-SKU buckets (inventory/bucket): reserves an order's campaign units in the buyer's home bucket, all lines or
-- none. Every key is in the home bucket's hash slot: the buyer's campaign units (per-buyer limit) and its
-- idempotency record only ever live here, whichever bucket finally gives the units.
-- When the home bucket cannot fill every line, the buyer's units are counted all the same (so a concurrent request
-- of the same buyer cannot pass the limit while this one looks elsewhere), the hold says FALLBACK, and the caller
-- asks the other buckets (bucket_take.lua), then settles the hold here (bucket_settle.lua): HELD there, or REFUSED,
-- which gives the counted units back. Nothing is published here: a SKU is sold out only when every bucket is empty,
-- which only the caller knows.
--
-- KEYS[1] campaign stock of this bucket (hash <sku>:available|held|sold|loaded)
-- KEYS[2] campaign units per buyer of this bucket   KEYS[3] idempotency record   KEYS[4] hold record of the order
-- ARGV[1] orderId  ARGV[2] userId  ARGV[3] request hash  ARGV[4] idempotency TTL s  ARGV[5] per-user limit
-- ARGV[6] this bucket's index  ARGV[7] L lines, then per line: skuId, quantity
--
-- Returns {'HELD', server time µs} | {'SHORT', server time µs, sku, units here, ...} (hold is FALLBACK)
--      or {'REPLAY', orderId} (the caller reads that order's hold) | {'KEY_REUSED'} | {'LIMIT_EXCEEDED', units already counted, limit}

local orderId, userId = ARGV[1], ARGV[2]
local function now()
  local time = redis.call('TIME')
  return time[1] .. string.format('%06d', tonumber(time[2]))
end

local previous = redis.call('GET', KEYS[3])
if previous then
  local bar = string.find(previous, '|', 1, true)
  if string.sub(previous, 1, bar - 1) == ARGV[3] then
    return {'REPLAY', string.sub(previous, bar + 1)}
  end
  return {'KEY_REUSED'}
end

local lines, units = {}, 0
for i = 1, tonumber(ARGV[7]) do
  local line = {sku = ARGV[6 + 2 * i], qty = tonumber(ARGV[7 + 2 * i])}
  units = units + line.qty
  lines[i] = line
end

local bought = tonumber(redis.call('HGET', KEYS[2], userId) or '0')
if bought + units > tonumber(ARGV[5]) then
  return {'LIMIT_EXCEEDED', tostring(bought), ARGV[5]}
end

local short = {}
for _, line in ipairs(lines) do
  line.available = tonumber(redis.call('HGET', KEYS[1], line.sku .. ':available') or '0')
  if line.available < line.qty then
    short[#short + 1] = line.sku
    short[#short + 1] = tostring(line.available)
  end
end

local encoded = {}
for i, line in ipairs(lines) do encoded[i] = line.sku .. '=' .. line.qty end
redis.call('HINCRBY', KEYS[2], userId, units)
redis.call('SET', KEYS[3], ARGV[3] .. '|' .. orderId, 'EX', tonumber(ARGV[4]))
if #short > 0 then
  redis.call('HSET', KEYS[4], 'userId', userId, 'status', 'FALLBACK', 'units', units, 'lines', table.concat(encoded, ','))
  return {'SHORT', now(), unpack(short)}
end
for _, line in ipairs(lines) do
  redis.call('HINCRBY', KEYS[1], line.sku .. ':available', -line.qty)
  redis.call('HINCRBY', KEYS[1], line.sku .. ':held', line.qty)
end
redis.call('HSET', KEYS[4], 'userId', userId, 'status', 'HELD', 'origin', ARGV[6], 'units', units,
  'lines', table.concat(encoded, ','))
return {'HELD', now()}
