-- Ends a bucketed order's fallback in the buyer's home bucket slot (see reserve_order.lua, role 'H'), once the other
-- buckets were asked: HELD (a donor bucket holds the order) turns the pending idempotency record into the accepted
-- one; REFUSED (no bucket could) forgets the record and gives the buyer's counted units back, as if the request had
-- never come. Only a record still pending for this very order changes. Run by checkout after its walk, or by the
-- sweeper (checkout.PendingFallbackSweeper) for a walk whose pod died; the first to come decides, the other one gets
-- SETTLED. Either way the order leaves the slot's pending fallbacks.
--
-- KEYS[1] idempotency record   KEYS[2] campaign units per buyer of this slot   KEYS[3] this slot's pending fallbacks
-- ARGV[1] request hash  ARGV[2] orderId  ARGV[3] 'HELD' | 'REFUSED'  ARGV[4] userId  ARGV[5] the order's campaign units
-- ARGV[6] the order's member of the pending fallbacks (inventory.PendingFallback)
-- Returns {'HELD'} | {'REFUSED'} | {'SETTLED', record} (not pending for this order: settled before, nothing changed)

redis.call('ZREM', KEYS[3], ARGV[6])
local pending = ARGV[1] .. '|' .. ARGV[2] .. '|P'
local record = redis.call('GET', KEYS[1])
if record ~= pending then return {'SETTLED', record or ''} end
if ARGV[3] == 'HELD' then
  redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2], 'KEEPTTL')
  return {'HELD'}
end
local units = tonumber(ARGV[5])
if units > 0 then
  local left = redis.call('HINCRBY', KEYS[2], ARGV[4], -units)
  if left <= 0 then redis.call('HDEL', KEYS[2], ARGV[4]) end
end
redis.call('DEL', KEYS[1])
return {'REFUSED'}
