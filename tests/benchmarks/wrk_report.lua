-- For tests/benchmarks/load.py: counts wrk's responses by status and prints the run's numbers
-- as one JSON line after "WRK-RESULT ", for Python to read.

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local counts = {}
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do
      counts[status] = (counts[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(counts) do
    table.insert(parts, string.format('"%d": %d', status, n))
  end
  local errors = summary.errors
  io.write(string.format(
    'WRK-RESULT {"seconds": %f, "completed": %d, "p50_ms": %f, "p95_ms": %f, "p99_ms": %f, '
      .. '"errors": {"connect": %d, "read": %d, "write": %d, "timeout": %d}, "statuses": {%s}}\n',
    summary.duration / 1e6, summary.requests,
    latency:percentile(50) / 1e3, latency:percentile(95) / 1e3, latency:percentile(99) / 1e3,
    errors.connect, errors.read, errors.write, errors.timeout, table.concat(parts, ", ")
  ))
end
