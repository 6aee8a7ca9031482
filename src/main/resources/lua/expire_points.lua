-- Expiry of a buyer's points, the Redis half, before the ledger records it: what is due less what unpaid orders hold
-- (FIFO: those orders took the earliest points), taken off the mirror's balance at once, so no reservation can
-- still spend it. The ledger then records exactly that; if it does not (its transaction failed), the next sync of
-- the account writes the ledger's balance back.
-- KEYS[1] points:{p}:<buyerId>   KEYS[2] the stock epoch
-- ARGV[1] points due by the ledger (credits due less every debit so far)
-- Returns {'EXPIRE', points to record} | {'NOT_LOADED'} (missing or another epoch: load it first)
local epoch = redis.call('HGET', KEYS[1], 'epoch')
if not epoch or epoch ~= redis.call('GET', KEYS[2]) then return {'NOT_LOADED'} end
local held = tonumber(redis.call('HGET', KEYS[1], 'held') or '0')
local expiring = math.max(0, tonumber(ARGV[1]) - held)
if expiring > 0 then redis.call('HINCRBY', KEYS[1], 'balance', -expiring) end
return {'EXPIRE', tostring(expiring)}
