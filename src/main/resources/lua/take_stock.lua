-- Takes units out of available stock for an after-sale exchange's replacement, all or nothing, once per reservation
-- (a marker key): available -> sold, each request from the one warehouse that has the most units of its SKU (a
-- replacement ships as one parcel). Campaign counters are left alone: replacements come from the SKU's ordinary stock.
-- KEYS[1]      marker of this reservation (stock:{p}:taken:<reservationId>), kept ARGV[1] seconds
-- KEYS[2..n-1] stock hashes of the SKUs (all share the {p} partition tag)
-- KEYS[n]      recovery fence: while a recovery rebuilds the stock nothing moves
-- ARGV[1]      marker TTL in seconds
-- ARGV[2..]    pairs: index into KEYS (2..n-1), units
-- Returns {'TAKEN', warehouseId per pair...} | {'ALREADY', warehouseId per pair...} (this reservation ran before)
--      | {'SOLD_OUT', key} (no warehouse has the units: nothing moves) | {'RECOVERING'}
if redis.call('EXISTS', KEYS[#KEYS]) == 1 then return {'RECOVERING'} end
local done = redis.call('GET', KEYS[1])
if done then
  local answer = {'ALREADY'}
  for warehouse in string.gmatch(done, '[^,]+') do answer[#answer + 1] = warehouse end
  return answer
end
local counts = {}
local function warehouses(index)
  if not counts[index] then
    local fields = redis.call('HGETALL', KEYS[index])
    local found = {available = 0, wh = {}}
    for i = 1, #fields, 2 do
      if fields[i] == 'available' then found.available = tonumber(fields[i + 1]) end
      local warehouse = string.match(fields[i], '^wh:(.+)$')
      if warehouse then found.wh[warehouse] = tonumber(fields[i + 1]) end
    end
    counts[index] = found
  end
  return counts[index]
end
local chosen = {}
for i = 2, #ARGV, 2 do
  local index, units = tonumber(ARGV[i]), tonumber(ARGV[i + 1])
  local stock = warehouses(index)
  local best, most = nil, 0
  for warehouse, left in pairs(stock.wh) do
    if left >= units and (left > most or (left == most and warehouse < best)) then best, most = warehouse, left end
  end
  if not best or stock.available < units then return {'SOLD_OUT', KEYS[index]} end
  stock.wh[best] = stock.wh[best] - units
  stock.available = stock.available - units
  chosen[#chosen + 1] = {index = index, warehouse = best, units = units}
end
local answer = {'TAKEN'}
for _, take in ipairs(chosen) do
  local key = KEYS[take.index]
  redis.call('HINCRBY', key, 'wh:' .. take.warehouse, -take.units)
  redis.call('HINCRBY', key, 'available', -take.units)
  redis.call('HINCRBY', key, 'sold', take.units)
  answer[#answer + 1] = take.warehouse
end
redis.call('SET', KEYS[1], table.concat(answer, ',', 2), 'EX', tonumber(ARGV[1]))
for index, _ in pairs(counts) do
  if tonumber(redis.call('HGET', KEYS[index], 'available')) <= 0 then
    redis.call('PUBLISH', 'stock:soldout', string.match(KEYS[index], 'sku:(.+)$'))
  end
end
return answer
