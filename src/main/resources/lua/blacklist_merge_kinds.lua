-- Moves one slot's blacklist from the per-kind sets it used to keep (users, phones, addresses, unprefixed) into the
-- slot's one set, each member prefixed by its kind as the reservation script looks it up, and deletes the per-kind
-- sets. Atomic per slot, so no reservation sees an entry in neither place; a second run finds nothing to move.
--
-- KEYS[1] the slot's blacklist set   KEYS[2..] the per-kind sets   ARGV[i] the member prefix of KEYS[i + 1]
-- Returns the number of members moved.
local moved = 0
for i = 2, #KEYS do
  local members = redis.call('SMEMBERS', KEYS[i])
  -- in pages: unpack has a limit on the number of values
  for from = 1, #members, 1000 do
    local page = {}
    for j = from, math.min(from + 999, #members) do page[#page + 1] = ARGV[i - 1] .. members[j] end
    redis.call('SADD', KEYS[1], unpack(page))
  end
  moved = moved + #members
  if #members > 0 then redis.call('DEL', KEYS[i]) end
end
return moved
