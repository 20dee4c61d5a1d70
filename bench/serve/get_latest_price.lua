-- wrk script: POST /rest/v1/rpc/get_latest_price as supabase-py sends it, at a paced rate.
-- Each connection waits `pause` ms between requests, so the offered rate is about
-- connections * 1000 / pause requests per second (wrk from Debian has no rate option).
wrk.method = "POST"
wrk.path = "/rest/v1/rpc/get_latest_price"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["apikey"] = "load-test"
wrk.headers["Authorization"] = "Bearer load-test"
wrk.body = '{"p_ticker_id":"631eb6fc-3ea7-f5f6-319d-66ac0ff5c73b","p_interval":"1m"}'

local pause = tonumber(os.getenv("PAUSE_MS") or "10")

function delay()
  return pause
end

local failures = 0
function response(status, headers, body)
  if status ~= 200 then failures = failures + 1 end
end

done = function(summary, latency, requests)
  io.write(string.format("requests %d in %.1f s = %.0f/s; errors: connect %d read %d write %d status %d timeout %d\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    summary.errors.connect, summary.errors.read, summary.errors.write, summary.errors.status, summary.errors.timeout))
  io.write(string.format("latency p50 %.0f us, p90 %.0f us, p99 %.0f us, max %.0f us\n",
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency.max))
end
