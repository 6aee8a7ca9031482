-- Brings a buyer's points mirror up to the ledger's balance at an account version, and settles the orders whose
-- spending that version includes: their points stop being held (the balance now counts them), once, by their
-- o:<orderId> field. A version older than the mirror's changes no balance (a late write never undoes a newer one);
-- its orders are still settled, since the mirror's newer balance includes them too. A mirror that is missing or of
-- another stock epoch is left alone: the next load reads the ledger anyway.
-- KEYS[1] points:{p}:<buyerId>   KEYS[2] the stock epoch
-- ARGV[1] balance  ARGV[2] version  ARGV[3] N orders  then N pairs: orderId, points
-- Returns {'SYNCED'} | {'NOT_LOADED'}
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch or epoch ~= redis.call('GET', KEYS[2]) then return {'NOT_LOADED'} end
local held = tonumber(redis.call('HGET', KEYS[1], 'held') or '0')
local arg = 4
for _ = 1, tonumber(ARGV[3]) do
  local field = 'o:' .. ARGV[arg]
  local points = tonumber(redis.call('HGET', KEYS[1], field) or '0')
  if points > 0 then
    held = math.max(0, held - points)
    redis.call('HDEL', KEYS[1], field)
  end
  arg = arg + 2
end
redis.call('HSET', KEYS[1], 'held', held)
if tonumber(ARGV[2]) >= tonumber(redis.call('HGET', KEYS[1], 'version') or '0') then
  redis.call('HSET', KEYS[1], 'balance', ARGV[1], 'version', ARGV[2])
end
return {'SYNCED'}
