-- Loads a buyer's points mirror from the ledger: when it is missing (first use) or of another stock epoch (Redis came
-- back with less than it had, so the mirror may be older than the ledger). Done once: a mirror of the current epoch
-- is kept as it is (another pod loaded it first). Points still held are those of the candidate orders that have not
-- spent them in the ledger (ARGV spent = 0) and were not released: their hold says so, or there is no hold to tell
-- (then they count as held: a buyer never spends points an unpaid order may still take).
-- KEYS[1] points:{p}:<buyerId>   KEYS[2] the stock epoch   KEYS[3 .. 2+N] hold record of each candidate order
-- ARGV[1] balance  ARGV[2] version  ARGV[3] N  then N triplets: orderId, points, 1 if the ledger has its spending
-- Returns {'LOADED', held} | {'ALREADY'} | {'RECOVERING'} (no epoch: the stock is being rebuilt, try later)
local current = redis.call('GET', KEYS[2])
if not current then return {'RECOVERING'} end
if redis.call('HGET', KEYS[1], 'epoch') == current then return {'ALREADY'} end
redis.call('DEL', KEYS[1])
local held, arg = 0, 4
for i = 1, tonumber(ARGV[3]) do
  local orderId, points, spent = ARGV[arg], tonumber(ARGV[arg + 1]), ARGV[arg + 2] == '1'
  arg = arg + 3
  if not spent and redis.call('HGET', KEYS[2 + i], 'status') ~= 'RELEASED' then
    held = held + points
    redis.call('HSET', KEYS[1], 'o:' .. orderId, points)
  end
end
redis.call('HSET', KEYS[1], 'balance', ARGV[1], 'version', ARGV[2], 'held', held, 'epoch', current)
return {'LOADED', tostring(held)}
