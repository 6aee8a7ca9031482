-- The revival bucket_count_revived.lua counted the buyer's units for did not happen (the units were gone in the
-- bucket that held the order, which stays cancelled): the buyer's units go back, once (this deletes the marker).
--
-- KEYS[1] marker: this order's units were counted again   KEYS[2] campaign units per buyer   ARGV[1] userId
-- Returns the units given back now (0: none, or given back before).

local counted = tonumber(redis.call('GET', KEYS[1]) or '0')
if redis.call('DEL', KEYS[1]) == 0 or counted == 0 then return 0 end
local left = redis.call('HINCRBY', KEYS[2], ARGV[1], -counted)
if left <= 0 then redis.call('HDEL', KEYS[2], ARGV[1]) end
return counted
