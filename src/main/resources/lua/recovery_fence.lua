-- The recovery fence: the lock a pod holds while it rebuilds the stock from PostgreSQL, and the flag every stock
-- script checks before it moves a counter. It expires (PX) so a pod that dies while recovering does not block the
-- others for longer than that; the holder renews it while it works.
-- KEYS[1]  the fence (stock:{p}:recovery-fence)
-- ARGV[1]  'acquire' | 'renew' | 'release'    ARGV[2] owner (the pod's recovery id)    ARGV[3] TTL ms
-- Returns 1 when done (acquired, renewed, released), 0 when another owner holds it (or nobody, for renew/release).
local op, owner = ARGV[1], ARGV[2]
if op == 'acquire' then
  if redis.call('SET', KEYS[1], owner, 'NX', 'PX', tonumber(ARGV[3])) then return 1 end
  return 0
end
if redis.call('GET', KEYS[1]) ~= owner then return 0 end
if op == 'renew' then
  redis.call('PEXPIRE', KEYS[1], tonumber(ARGV[3]))
else
  redis.call('DEL', KEYS[1])
end
return 1
