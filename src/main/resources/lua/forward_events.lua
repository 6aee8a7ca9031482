-- Forwards order events to the webhook stream (webhooks.WebhookForwarder), each under its id on the order event
-- stream, so that a repeat (the shared group hands an entry out again whenever another member asked for a retry) is
-- recognised and not forwarded twice. An entry whose id the webhook stream cannot take any more (another pod forwarded
-- later entries first) is forwarded under a new id unless that id already holds the same event: a new id may be one a
-- later event comes with, which is why the check compares event ids, not just whether the id is taken.
--
-- KEYS[1] the webhook stream
-- ARGV    per entry: its id on the order event stream, its event id, N (field names and values), then those N strings
--
-- Returns the number of entries added to the webhook stream.

local function eventIdOf(fields)
  for j = 1, #fields, 2 do
    if fields[j] == 'eventId' then return fields[j + 1] end
  end
  return nil
end

local added = 0
local i = 1
while i <= #ARGV do
  local id, eventId, n = ARGV[i], ARGV[i + 1], tonumber(ARGV[i + 2])
  local fields = {}
  for j = 1, n do fields[j] = ARGV[i + 2 + j] end
  i = i + 3 + n
  local result = redis.pcall('XADD', KEYS[1], id, unpack(fields))
  if type(result) == 'table' and result.err then
    local there = redis.call('XRANGE', KEYS[1], id, id)[1]
    if not there or eventIdOf(there[2]) ~= eventId then
      redis.call('XADD', KEYS[1], '*', unpack(fields))
      added = added + 1
    end
  else
    added = added + 1
  end
end
return added
