-- wrk script: POST /api/petitions at a steady rate, every request a valid and distinct petition.
--
--   wrk -t2 -c8 -d60s -s bench/petitions.lua http://127.0.0.1:PORT -- RATE FIRST THREADS
--
-- RATE: requests per second over all threads (wrk has no rate option: each request waits for its slot).
-- FIRST: the number of the first petition; runs that share a database use ranges that do not overlap.
-- THREADS: the same as wrk's -t.
-- Prints one line, "RESULT key=value ...", that bench/intake.sh reads.

local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } pj_timeval;
  int gettimeofday(pj_timeval *tv, void *tz);
]]

local function now_ms()
  local tv = ffi.new("pj_timeval")
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) * 1000 + tonumber(tv.tv_usec) / 1000
end

local categories = { "LAND_REQUISITION", "DEMOLITION", "ENTERPRISE_RESTRUCTURING", "LABOUR_WAGES",
  "SOCIAL_SECURITY", "ROADS_TRANSPORT", "WATER_RESERVOIRS", "ENVIRONMENT", "RURAL_AFFAIRS",
  "URBAN_CONSTRUCTION", "EDUCATION_HEALTH", "CIVIL_AFFAIRS", "LAW_RELATED", "ACCUSATION" }
local weights = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 }
local checks = "10X98765432"

-- A GB 11643 resident ID number of its own for petition k: birth date and sequence number from k.
local function resident_id(k)
  local d = math.floor(k / 1000)
  local first17 = string.format("330726%04d%02d%02d%03d", 1950 + math.floor(d / 336) % 50,
    math.floor(d / 28) % 12 + 1, d % 28 + 1, k % 1000)
  local sum = 0
  for i = 1, 17 do
    sum = sum + tonumber(first17:sub(i, i)) * weights[i]
  end
  local r = sum % 11 + 1
  return first17 .. checks:sub(r, r)
end

-- The main thread keeps the threads, to add up their counts in done().
local threads = {}
local thread_count = 0

function setup(thread)
  thread:set("id", thread_count)
  thread_count = thread_count + 1
  table.insert(threads, thread)
end

function init(args)
  rate = tonumber(args[1] or "100")
  first = tonumber(args[2] or "0")
  nthreads = tonumber(args[3] or "1")
  count = 0
  created = 0
  repeats = 0
  other = 0
  nonce = string.format("%x-%x", os.time(), first)
  step = nil
end

-- Each thread sends its share of the rate: request n of a thread goes at its start + n * interval, never early.
function delay()
  local t = now_ms()
  if step == nil then
    step = 1000 * nthreads / rate
    slot = t
  end
  local wait = slot - t
  slot = math.max(slot, t) + step
  if wait < 0 then
    return 0
  end
  return math.floor(wait)
end

function request()
  -- Petitions are numbered across threads: thread i sends first + i, first + i + threads, ...
  local k = first + id + count * nthreads
  -- wrk calls request() once before the run to check the script: that one is never sent, and comes before any
  -- delay(). Only the petitions sent are counted.
  if step ~= nil then
    count = count + 1
  end
  local body = string.format(
    '{"petitioner":{"name":"测试信访人%d","residentId":"%s","phone":"139%08d"},"personsCount":%d,'
      .. '"category":"%s","summary":"事项摘要 %d","request":"信访诉求 %d"}',
    k, resident_id(k), k % 100000000, 1 + k % 4, categories[k % #categories + 1], k, k)
  return wrk.format("POST", "/api/petitions", {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. nonce .. "-" .. k,
  }, body)
end

function response(status, headers, body)
  if status == 201 then
    created = created + 1
  elseif status == 200 then
    repeats = repeats + 1
  else
    other = other + 1
  end
end

function done(summary, latency, requests)
  local c, r, o, sent = 0, 0, 0, 0
  for _, thread in ipairs(threads) do
    sent = sent + thread:get("count")
    c = c + thread:get("created")
    r = r + thread:get("repeats")
    o = o + thread:get("other")
  end
  local e = summary.errors
  io.write(string.format("RESULT sent=%d requests=%d seconds=%.2f rate=%.1f p50=%.1f p90=%.1f p99=%.1f max=%.1f "
      .. "created=%d repeats=%d other=%d connect=%d read=%d write=%d timeout=%d status=%d\n",
    sent, summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, c, r, o, e.connect, e.read, e.write, e.timeout, e.status))
end
