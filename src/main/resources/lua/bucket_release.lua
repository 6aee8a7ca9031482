-- Hot-SKU buckets: releases a held order in the buyer's home bucket, once. The buyer's counted units always come
-- back here; the stock comes back here too when this bucket gave it, else the hold names the bucket that did and
-- the caller returns the units there (bucket_return.lua, idempotent). A crash between the two leaves units held in
-- that bucket (never sold twice); a repeated release answers ALREADY with the origin, so the caller returns them.
-- A missing hold is never trusted (nothing moves), and no counter goes below zero.
--
-- KEYS[1] hold record   KEYS[2] campaign units per buyer of this bucket   KEYS[3] campaign stock of this bucket
-- ARGV[1] this bucket's index
-- Returns {'RELEASED', origin, lines} | {'ALREADY', origin, lines} | {'MISSING'} | {'PENDING'} (a fallback not yet settled)
--      | {'SHORT', sku, units held, units needed} (nothing changed)

local status, userId, units, origin, encoded =
  unpack(redis.call('HMGET', KEYS[1], 'status', 'userId', 'units', 'origin', 'lines'))
if not status then return {'MISSING'} end
if status == 'RELEASED' then return {'ALREADY', origin, encoded} end
if status == 'FALLBACK' then return {'PENDING'} end

local lines = {}
for sku, qty in string.gmatch(encoded, '([^,=]+)=(%d+)') do lines[#lines + 1] = {sku = sku, qty = tonumber(qty)} end
if origin == ARGV[1] then
  for _, line in ipairs(lines) do
    local held = tonumber(redis.call('HGET', KEYS[3], line.sku .. ':held') or '0')
    if held < line.qty then return {'SHORT', line.sku, tostring(held), tostring(line.qty)} end
  end
  for _, line in ipairs(lines) do
    redis.call('HINCRBY', KEYS[3], line.sku .. ':held', -line.qty)
    redis.call('HINCRBY', KEYS[3], line.sku .. ':available', line.qty)
  end
end
local left = redis.call('HINCRBY', KEYS[2], userId, -tonumber(units))
if left <= 0 then redis.call('HDEL', KEYS[2], userId) end
redis.call('HSET', KEYS[1], 'status', 'RELEASED')
return {'RELEASED', origin, encoded}
