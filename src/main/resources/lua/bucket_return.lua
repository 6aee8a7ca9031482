-- Hot-SKU buckets: gives a released order's units back to the bucket they were taken from (bucket_take.lua), once.
-- A missing take record is never trusted (nothing moves), and no counter goes below zero.
--
-- KEYS[1] take record of the order in this bucket   KEYS[2] campaign stock of this bucket
-- Returns {'RETURNED'} | {'ALREADY'} | {'MISSING'} | {'SHORT', sku, units held, units needed} (nothing changed)

local status, encoded = unpack(redis.call('HMGET', KEYS[1], 'status', 'lines'))
if not status then return {'MISSING'} end
if status == 'RELEASED' then return {'ALREADY'} end
local lines = {}
for sku, qty in string.gmatch(encoded, '([^,=]+)=(%d+)') do lines[#lines + 1] = {sku = sku, qty = tonumber(qty)} end
for _, line in ipairs(lines) do
  local held = tonumber(redis.call('HGET', KEYS[2], line.sku .. ':held') or '0')
  if held < line.qty then return {'SHORT', line.sku, tostring(held), tostring(line.qty)} end
end
for _, line in ipairs(lines) do
  redis.call('HINCRBY', KEYS[2], line.sku .. ':held', -line.qty)
  redis.call('HINCRBY', KEYS[2], line.sku .. ':available', line.qty)
end
redis.call('HSET', KEYS[1], 'status', 'RELEASED')
return {'RETURNED'}
