-- wrk script of the Tollgate load harness.
-- Rotates through many client credentials: argument 1 is a file with one header line per client
-- ("Authorization: Bearer ..." or "X-API-Key: ..."), or per request with several headers separated by tabs
-- ("Authorization: DPoP ...<tab>DPoP: <proof>"); every request is pre-formatted once, so the per-request
-- Lua cost is a table lookup. WRK_TARGET_PORTS="p1,p2" spreads the threads over several gateway instances on
-- 127.0.0.1 (thread i -> port i mod n), which is how the load is split between two instances. WRK_THREADS and
-- WRK_START place each thread's starting point in the rotation.
-- done() prints one machine-readable line starting with TOLLGATE_WRK; its lines_max (the most lines one thread took)
-- is where the next run's WRK_START goes, so no line is sent twice across runs (DPoP proofs are single-use).
-- Two options for the soak run, off by default so the harness's measurements are unchanged: WRK_DELAY_MS paces
-- each connection (that many ms between an answer and the next request: moderate load instead of saturation), and
-- WRK_COUNT_STATUSES=1 counts answers by status and adds a TOLLGATE_WRK_STATUS line.
-- WRK_BODY_FILE names a file whose JSON every request posts (the MCP rows' tools/call); unset: GET.

local thread_count = 0
local threads_total = tonumber(os.getenv("WRK_THREADS") or "1")
local start = tonumber(os.getenv("WRK_START") or "0")
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")
local count_statuses = os.getenv("WRK_COUNT_STATUSES") == "1"
local body_file = os.getenv("WRK_BODY_FILE")
local body = nil
if body_file and body_file ~= "" then
  local f = assert(io.open(body_file, "rb"))
  body = f:read("*a")
  f:close()
end

local function format(line)
  local headers = {}
  if line then
    for field in string.gmatch(line, "[^\t]+") do
      local name, value = field:match("^([^:]+):%s*(.-)%s*$")
      if name and value ~= "" then
        headers[name] = value
      end
    end
  end
  if body then
    headers["Content-Type"] = "application/json"
    headers["Accept"] = "application/json, text/event-stream"
    return wrk.format("POST", wrk.path, headers, body)
  end
  return wrk.format("GET", wrk.path, headers)
end
local threads = {}
local ports = {}
for p in string.gmatch(os.getenv("WRK_TARGET_PORTS") or "", "%d+") do
  ports[#ports + 1] = p
end

function setup(thread)
  thread_count = thread_count + 1
  thread:set("thread_no", thread_count)
  threads[#threads + 1] = thread
  if #ports > 0 then
    local port = ports[((thread_count - 1) % #ports) + 1]
    thread.addr = wrk.lookup("127.0.0.1", port)[1]
  end
end

local requests = {}
local next_index = 0

function init(args)
  local file = args[1]
  if file then
    for line in io.lines(file) do
      if line:match("^[^:]+:%s*%S") then
        requests[#requests + 1] = format(line)
      end
    end
  end
  if #requests == 0 then
    requests[1] = format(nil)
  end
  -- Each thread walks its own share of the clients, from where the previous run stopped (WRK_START), so
  -- consecutive warm-up runs reach every client instead of repeating the first ones.
  next_index = (math.floor(((thread_no or 1) - 1) * #requests / threads_total) + start) % #requests
end

lines_used = 0

function request()
  next_index = (next_index % #requests) + 1
  lines_used = lines_used + 1
  return requests[next_index]
end

-- wrk calls delay() and response() only when they are defined: define them only when asked for.
if delay_ms > 0 then
  function delay()
    return delay_ms
  end
end

c2xx, c429, c503, c5xx, cother = 0, 0, 0, 0, 0

if count_statuses then
  function response(status, headers, body)
    if status >= 200 and status < 300 then
      c2xx = c2xx + 1
    elseif status == 429 then
      c429 = c429 + 1
    elseif status == 503 then
      c503 = c503 + 1
    elseif status >= 500 then
      c5xx = c5xx + 1
    else
      cother = cother + 1
    end
  end
end

local function status_line(e)
  local totals = { c2xx = 0, c429 = 0, c503 = 0, c5xx = 0, cother = 0 }
  for _, t in ipairs(threads) do
    for name, _ in pairs(totals) do
      totals[name] = totals[name] + (t:get(name) or 0)
    end
  end
  return string.format("TOLLGATE_WRK_STATUS s2xx=%d s429=%d s503=%d s5xx=%d sother=%d timeouts=%d socket=%d\n",
    totals.c2xx, totals.c429, totals.c503, totals.c5xx, totals.cother, e.timeout, e.connect + e.read + e.write)
end

function done(summary, latency, requests_stats)
  local e = summary.errors
  local lines_max = 0
  for _, t in ipairs(threads) do
    lines_max = math.max(lines_max, t:get("lines_used") or 0)
  end
  if count_statuses then
    io.write(status_line(e))
  end
  io.write(string.format(
    "TOLLGATE_WRK requests=%d duration_us=%d bytes=%d p50_us=%d p90_us=%d p99_us=%d p999_us=%d max_us=%d "
      .. "err_connect=%d err_read=%d err_write=%d err_status=%d err_timeout=%d lines_max=%d\n",
    summary.requests, summary.duration, summary.bytes,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, lines_max))
end
