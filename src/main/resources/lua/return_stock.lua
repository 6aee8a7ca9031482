-- Puts units an after-sale case gave back into available stock, once per case: sold -> available, into the
-- warehouses named (refund-only before shipment: where the units were allocated; a restocked return: where the
-- merchant received it). Campaign counters and the buyer's campaign units are left alone: a campaign sold what it
-- sold, the units return to the SKU's ordinary stock, which is {p}'s. An order a stock bucket's slot sold (a bucketed
-- campaign item) counts its units sold there, where this script cannot reach: they come back into {p} as loaded
-- stock instead (mode 'loaded': loaded and available up, sold untouched), so every slot's invariant holds.
-- KEYS[1]      marker of this case's return (stock:{p}:returned:<caseId>), kept ARGV[1] seconds
-- KEYS[2..n-1] stock hashes of the SKUs (all share the {p} partition tag)
-- KEYS[n]      recovery fence: while a recovery rebuilds the stock nothing moves
-- ARGV[1]      marker TTL in seconds
-- ARGV[2]      'sold' (the order sold from {p}: sold -> available) | 'loaded' (sold in a bucket's slot: loaded here)
-- ARGV[3..]    triplets: index into KEYS (2..n-1), warehouse id, units
-- Returns {'RETURNED'} | {'ALREADY'} (this case's units were returned before) | {'RECOVERING'}
--      | {'SHORT', key, units sold there, units asked} (sold cannot cover them: nothing moves; the reconciliation
--        makes the counters agree with PostgreSQL first)
if redis.call('EXISTS', KEYS[#KEYS]) == 1 then return {'RECOVERING'} end
if redis.call('EXISTS', KEYS[1]) == 1 then return {'ALREADY'} end
local fromSold = ARGV[2] == 'sold'
local asked = {}
for i = 3, #ARGV, 3 do
  local index = tonumber(ARGV[i])
  asked[index] = (asked[index] or 0) + tonumber(ARGV[i + 2])
end
for index, units in pairs(asked) do
  local sold = tonumber(redis.call('HGET', KEYS[index], 'sold') or '0')
  if fromSold and sold < units then return {'SHORT', KEYS[index], tostring(sold), tostring(units)} end
end
for i = 3, #ARGV, 3 do
  local key, units = KEYS[tonumber(ARGV[i])], tonumber(ARGV[i + 2])
  redis.call('HINCRBY', key, fromSold and 'sold' or 'loaded', fromSold and -units or units)
  redis.call('HINCRBY', key, 'available', units)
  redis.call('HINCRBY', key, 'wh:' .. ARGV[i + 1], units)
end
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[1]))
for index, _ in pairs(asked) do
  redis.call('PUBLISH', 'stock:restocked', string.match(KEYS[index], 'sku:(.+)$'))
end
return {'RETURNED'}
