-- Moves a bucketed campaign item's warehouse units for one stock bucket out of {p}'s SKU hash, once per load batch,
-- SKU and bucket: each warehouse (in field order) gives what it has until the bucket's share is met, and available
-- and loaded fall by the units moved, so {p}'s invariant (loaded = available + held + sold) stays exact. The bucket's
-- slot then adds the same units (apply_stock_load.lua): until it has, they are in transit, and the load batch stays
-- PENDING in PostgreSQL, so its replay finishes the move. The marker keeps what was moved, for that replay.
--
-- KEYS[1] marker of this move   KEYS[2] {p}'s SKU hash   KEYS[3] {p}'s recovery fence
-- ARGV[1] marker TTL s   ARGV[2] units wanted
-- Returns {'MOVED', 'warehouseId=units,...'} (also what a replay moved before; '' when {p} had none)
--      | {'RECOVERING'} (a recovery rebuilds the stock: nothing done)

if redis.call('EXISTS', KEYS[3]) == 1 then return {'RECOVERING'} end
local before = redis.call('GET', KEYS[1])
if before then return {'MOVED', before} end

local hash = redis.call('HGETALL', KEYS[2])
local warehouses = {}
for i = 1, #hash, 2 do
  if string.sub(hash[i], 1, 3) == 'wh:' then warehouses[#warehouses + 1] = {field = hash[i], units = tonumber(hash[i + 1])} end
end
table.sort(warehouses, function(a, b) return a.field < b.field end)

local missing, moved, total = tonumber(ARGV[2]), {}, 0
for _, warehouse in ipairs(warehouses) do
  if missing == 0 then break end
  local take = math.min(missing, warehouse.units)
  if take > 0 then
    redis.call('HINCRBY', KEYS[2], warehouse.field, -take)
    moved[#moved + 1] = string.sub(warehouse.field, 4) .. '=' .. take
    missing = missing - take
    total = total + take
  end
end
if total > 0 then
  redis.call('HINCRBY', KEYS[2], 'available', -total)
  redis.call('HINCRBY', KEYS[2], 'loaded', -total)
end
local record = table.concat(moved, ',')
redis.call('SET', KEYS[1], record, 'EX', tonumber(ARGV[1]))
return {'MOVED', record}
