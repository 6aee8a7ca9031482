-- Hot-SKU buckets: ends a FALLBACK hold in the buyer's home bucket once the other buckets were asked. Either one
-- gave the units (the hold becomes HELD and names that bucket as its origin), or none could: the hold and the
-- idempotency record go and the buyer's counted units are given back, as if the request had never come.
--
-- KEYS[1] hold record   KEYS[2] campaign units per buyer of this bucket   KEYS[3] idempotency record
-- ARGV[1] index of the bucket that gave the units, or '' when none could
-- Returns {'HELD'} | {'REFUSED', server time µs}
--      | {'STATE', status, origin} (the hold was not FALLBACK, e.g. a retry of the request settled it: nothing changed)

local status, userId, units, origin = unpack(redis.call('HMGET', KEYS[1], 'status', 'userId', 'units', 'origin'))
if status ~= 'FALLBACK' then return {'STATE', status or '', origin or ''} end
if ARGV[1] ~= '' then
  redis.call('HSET', KEYS[1], 'status', 'HELD', 'origin', ARGV[1])
  return {'HELD'}
end
local left = redis.call('HINCRBY', KEYS[2], userId, -tonumber(units))
if left <= 0 then redis.call('HDEL', KEYS[2], userId) end
redis.call('DEL', KEYS[1], KEYS[3])
local time = redis.call('TIME')
return {'REFUSED', time[1] .. string.format('%06d', tonumber(time[2]))}
