-- Gives the coupons an order used back to their owner (the order was refunded in full before shipment), once: only
-- a coupon still USED by that order becomes AVAILABLE again; one AVAILABLE already, or locked or used by a later
-- order, is left alone, so running this again (a retry, a second refund racing) changes nothing.
-- KEYS[1..n]  coupon:{p}:<couponId> of each coupon the order used
-- ARGV[1]     the order id
-- Returns how many coupons became AVAILABLE now.
local returned = 0
for i = 1, #KEYS do
  local state, usedBy = unpack(redis.call('HMGET', KEYS[i], 'state', 'orderId'))
  if state == 'USED' and usedBy == ARGV[1] then
    redis.call('HSET', KEYS[i], 'state', 'AVAILABLE', 'returnedBy', ARGV[1])
    redis.call('HDEL', KEYS[i], 'orderId')
    returned = returned + 1
  end
end
return returned
