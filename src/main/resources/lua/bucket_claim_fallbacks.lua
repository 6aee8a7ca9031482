-- Claims a slot's pending fallbacks older than the given age for one sweep (checkout.PendingFallbackSweeper): each
-- claimed one is scored again with the present time, so another pod sweeping at once skips it, and it comes back
-- due after the age if the pod sweeping it dies. Ages and times are Redis's (the scores are reserve_order.lua's).
--
-- KEYS[1] the slot's pending fallbacks (zset: member -> epoch ms)   ARGV[1] age ms  ARGV[2] most to claim
-- Returns the claimed members.

local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + math.floor(tonumber(time[2]) / 1000)
local due = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', now - tonumber(ARGV[1]), 'LIMIT', 0, tonumber(ARGV[2]))
for _, member in ipairs(due) do
  redis.call('ZADD', KEYS[1], 'XX', now, member)
end
return due
