-- wrk reporter: requests per second, p95 latency in ms, and errors (non-2xx/3xx and socket errors), one per line.
done = function(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("rps %.2f\n", summary.requests / (summary.duration / 1e6)))
  io.write(string.format("p95 %.2f\n", latency:percentile(95) / 1000))
  io.write(string.format("errors %d\n", errors))
end
