-- wrk script: POST /api/v1/orders as many different buyers, each request with a fresh Idempotency-Key.
-- Environment: TOKENS (file, one bearer token per line), SKU, CAMPAIGN (optional).
-- With TRIVIAL=1 it sends GET /api/v1/ping with the very same headers and bookkeeping instead, so the load
-- generator spends the same work per request in both measurements and the ratio compares the service alone.
-- Counts answers by status per thread; done() prints the totals as "status <code> <count>" lines.

local tokens = {}
local counter = 0
local thread_id = 0
statuses = {} -- global: done() reads it from each thread with thread:get

local threads = {}
local next_id = 0

function setup(thread)
  next_id = next_id + 1
  thread:set("id", next_id)
  table.insert(threads, thread)
end

function init(args)
  thread_id = id or 0
  for line in io.lines(os.getenv("TOKENS")) do
    tokens[#tokens + 1] = line
  end
  math.randomseed(os.time() + thread_id * 7919)
  local campaign = os.getenv("CAMPAIGN")
  local campaign_field = ""
  if campaign and campaign ~= "" then
    campaign_field = ',"campaignId":"' .. campaign .. '"'
  end
  if os.getenv("TRIVIAL") == "1" then
    wrk.method = "GET"
    wrk.path = "/api/v1/ping"
    return
  end
  wrk.method = "POST"
  wrk.path = "/api/v1/orders"
  wrk.body = '{"items":[{"skuId":"' .. os.getenv("SKU") .. '","quantity":1}],'
    .. '"address":{"recipient":"Bench Buyer","phone":"+49 30 1234567","regionCode":"NORTH",'
    .. '"detail":"1 Load Test Avenue"},"paymentMethod":"ONLINE"' .. campaign_field .. '}'
end

function request()
  counter = counter + 1
  local token = tokens[math.random(#tokens)]
  local headers = {
    ["Content-Type"] = "application/json",
    ["Authorization"] = "Bearer " .. token,
    ["Idempotency-Key"] = "bench-" .. thread_id .. "-" .. counter .. "-" .. math.random(1000000000),
  }
  return wrk.format(nil, nil, headers, nil)
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local totals = {}
  for _, thread in ipairs(threads) do
    local counts = thread:get("statuses")
    for status, count in pairs(counts) do
      totals[status] = (totals[status] or 0) + count
    end
  end
  for status, count in pairs(totals) do
    io.write(string.format("status %d %d\n", status, count))
  end
  io.write(string.format("latency_p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("latency_p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("requests_per_second %.1f\n", summary.requests / (summary.duration / 1000000)))
  io.write(string.format("requests %d\n", summary.requests))
end
