-- The sweeper's question to one donor bucket about a fallback whose walk was cut short (its pod died between the home
-- call and settle_fallback.lua): did this bucket take the order? Atomically either the order is found held here (its
-- hold, or this bucket's accepted record of the key), or this bucket's refusal of the order is recorded exactly as
-- reserve_order.lua role 'D' records one (<hash>|<orderId>|X), so a live walk of the same order that comes later is
-- refused here too and can never be served after the sweeper decided.
--
-- KEYS[1] the buyer's idempotency record in this slot   KEYS[2] the order's hold in this slot
-- ARGV[1] request hash  ARGV[2] orderId  ARGV[3] idempotency TTL s
-- Returns 'HELD' | 'REFUSED'

if redis.call('EXISTS', KEYS[2]) == 1 then return 'HELD' end
local record = redis.call('GET', KEYS[1])
if record == ARGV[1] .. '|' .. ARGV[2] then return 'HELD' end
if record then
  local hash, order, state = string.match(record, '^([^|]*)|([^|]*)|?(.*)$')
  -- another order's record that a 'D' call of this order would not forget: it answers that, never takes this one
  if not (state == 'X' and order ~= ARGV[2]) then return 'REFUSED' end
end
redis.call('SET', KEYS[1], ARGV[1] .. '|' .. ARGV[2] .. '|X', 'EX', tonumber(ARGV[3]))
return 'REFUSED'
