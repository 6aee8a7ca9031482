-- Applies one stock-load batch to Redis exactly once, all increments or none.
-- KEYS[1]      marker of this batch ("applied"), kept ARGV[1] seconds so a retried batch is recognised
-- KEYS[2..n-1] stock hashes the batch touches (all share the {p} partition tag)
-- KEYS[n]      recovery fence: while a recovery rebuilds the stock from PostgreSQL nothing is applied (the load
--              stays PENDING in PostgreSQL and is applied by the replayer afterwards)
-- ARGV[1]      marker TTL in seconds
-- ARGV[2..]    triplets: index into KEYS (2..n-1), hash field, increment
-- Returns 1 when applied now, 0 when this batch had already been applied, -1 while a recovery runs (nothing done).
if redis.call('EXISTS', KEYS[#KEYS]) == 1 then
  return -1
end
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
for i = 2, #ARGV, 3 do
  redis.call('HINCRBY', KEYS[tonumber(ARGV[i])], ARGV[i + 1], tonumber(ARGV[i + 2]))
end
redis.call('SET', KEYS[1], '1', 'EX', tonumber(ARGV[1]))
return 1
