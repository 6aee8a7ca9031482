-- A late payment revives a bucketed order that another bucket than the buyer's home held: before its units are sold
-- there again (revive_order.lua, which leaves the buyer's units to the home), the buyer's campaign units are counted
-- again in its home slot, under the same rule as any revived order: only if they still fit the per-buyer limit (the
-- release gave them back, and the buyer may have used them since). Once per order (the revived marker).
-- If the release has not given them back yet, they are still counted: the give-back marker is taken now, so that a
-- release_buyer_units.lua still on its way changes nothing.
--
-- KEYS[1] marker: this order's units were given back (release_buyer_units.lua)   KEYS[2] campaign units per buyer
-- KEYS[3] marker: this order's units are counted again (by this script), holding the units
-- ARGV[1] userId  ARGV[2] units  ARGV[3] per-buyer limit (0: none)  ARGV[4] marker TTL s
-- Returns 'COUNTED' (now or before) | 'LIMIT' (nothing changed: the revival is refused)

if redis.call('EXISTS', KEYS[3]) == 1 then return 'COUNTED' end
local units, limit = tonumber(ARGV[2]), tonumber(ARGV[3])
if redis.call('SET', KEYS[1], '1', 'NX', 'EX', tonumber(ARGV[4])) then
  -- never given back: still counted; from now on the release never gives them back (a failed revival does)
  redis.call('SET', KEYS[3], ARGV[2], 'EX', tonumber(ARGV[4]))
  return 'COUNTED'
end
if limit > 0 and tonumber(redis.call('HGET', KEYS[2], ARGV[1]) or '0') + units > limit then return 'LIMIT' end
redis.call('HINCRBY', KEYS[2], ARGV[1], units)
redis.call('SET', KEYS[3], tostring(units), 'EX', tonumber(ARGV[4]))
return 'COUNTED'
