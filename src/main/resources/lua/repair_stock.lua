-- Applies a reconciliation's repair to one stock hash: each field moves by its delta (expected minus what Redis
-- had when it was observed), so what scripts changed since the observation is kept. All or nothing: if any field
-- would go below zero, or a recovery holds the fence, nothing changes.
-- KEYS[1]  the stock hash (stock:{p}:sku:<id> or stock:{p}:campaign:<id>)    KEYS[2]  recovery fence
-- ARGV     pairs: field, delta
-- Returns {'REPAIRED'} | {'NEGATIVE', field, value now, delta} | {'RECOVERING'}
if redis.call('EXISTS', KEYS[2]) == 1 then return {'RECOVERING'} end
for i = 1, #ARGV, 2 do
  local now = tonumber(redis.call('HGET', KEYS[1], ARGV[i]) or '0')
  local delta = tonumber(ARGV[i + 1])
  if now + delta < 0 then return {'NEGATIVE', ARGV[i], tostring(now), ARGV[i + 1]} end
end
for i = 1, #ARGV, 2 do
  redis.call('HINCRBY', KEYS[1], ARGV[i], tonumber(ARGV[i + 1]))
end
return {'REPAIRED'}
