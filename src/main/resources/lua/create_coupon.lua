-- Mirrors a claimed coupon into Redis, once: never overwrites a coupon that is already there, so replaying the
-- mirror of a coupon that the checkout has since LOCKED or USED changes nothing.
-- KEYS[1]  coupon:{p}:<couponId>
-- ARGV[1]  owner user id
-- ARGV[2]  template id
-- Returns 1 when written now, 0 when the coupon was already there.
if redis.call('EXISTS', KEYS[1]) == 1 then
  return 0
end
redis.call('HSET', KEYS[1], 'owner', ARGV[1], 'templateId', ARGV[2], 'state', 'AVAILABLE')
return 1
