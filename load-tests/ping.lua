-- wrk script for the trivial endpoint: prints the same summary lines as place-order.lua.
function done(summary, latency, requests)
  io.write(string.format("latency_p50_ms %.2f\n", latency:percentile(50) / 1000))
  io.write(string.format("latency_p99_ms %.2f\n", latency:percentile(99) / 1000))
  io.write(string.format("requests_per_second %.1f\n", summary.requests / (summary.duration / 1000000)))
end
