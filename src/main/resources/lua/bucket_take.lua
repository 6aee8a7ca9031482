-- Hot-SKU buckets: a buyer's home bucket could not fill the order; this other bucket gives every line or nothing.
-- Only stock moves here: the buyer's limit was counted in its home bucket (bucket_reserve.lua). The take record
-- says which order holds these units, so its release returns them to this bucket (bucket_return.lua) exactly once.
--
-- KEYS[1] campaign stock of this bucket   KEYS[2] take record of the order in this bucket
-- ARGV[1] userId  ARGV[2] L lines, then per line: skuId, quantity
-- Returns {'TAKEN', server time µs} (also when this order had taken here before)
--      or {'SHORT', server time µs, sku, units here, ...} (nothing changed)

local function now()
  local time = redis.call('TIME')
  return time[1] .. string.format('%06d', tonumber(time[2]))
end
if redis.call('EXISTS', KEYS[2]) == 1 then return {'TAKEN', now()} end

local lines, short, encoded = {}, {}, {}
for i = 1, tonumber(ARGV[2]) do
  local line = {sku = ARGV[1 + 2 * i], qty = tonumber(ARGV[2 + 2 * i])}
  line.available = tonumber(redis.call('HGET', KEYS[1], line.sku .. ':available') or '0')
  if line.available < line.qty then
    short[#short + 1] = line.sku
    short[#short + 1] = tostring(line.available)
  end
  encoded[i] = line.sku .. '=' .. line.qty
  lines[i] = line
end
if #short > 0 then return {'SHORT', now(), unpack(short)} end

for _, line in ipairs(lines) do
  redis.call('HINCRBY', KEYS[1], line.sku .. ':available', -line.qty)
  redis.call('HINCRBY', KEYS[1], line.sku .. ':held', line.qty)
end
redis.call('HSET', KEYS[2], 'userId', ARGV[1], 'status', 'HELD', 'lines', table.concat(encoded, ','))
return {'TAKEN', now()}
