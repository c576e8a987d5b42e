-- wrk script: after the run, prints the 99.9th percentile, the maximum latency and the timeouts
-- in one line that load.sh reads.
done = function(summary, latency, requests)
  io.write(string.format("tail: p99.9 %.2fms max %.2fms timeouts %d\n",
    latency:percentile(99.9) / 1000, latency.max / 1000, summary.errors.timeout))
end
