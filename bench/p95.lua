-- wrk reports latency percentiles 50/75/90/99 only: the bench's goals are on the 95th.
done = function(summary, latency, requests)
  io.write(string.format("p95_us %d\n", latency:percentile(95)))
end
