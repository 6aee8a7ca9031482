-- Gives a released bucketed order's counted campaign units back to the buyer in its home bucket slot, once per order
-- (the marker), when the order was held by another bucket (release_order.lua ran there and named this slot).
--
-- KEYS[1] marker of this order's units given back   KEYS[2] campaign units per buyer of this slot
-- ARGV[1] userId  ARGV[2] units  ARGV[3] marker TTL s
-- Returns 1 when given back now, 0 when given back before.

if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', tonumber(ARGV[3])) then return 0 end
local left = redis.call('HINCRBY', KEYS[2], ARGV[1], -tonumber(ARGV[2]))
if left <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
return 1
