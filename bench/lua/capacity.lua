-- Capacity run: every connection is a device that sends a request, then waits about a second.
-- The mix of requests follows the scenario: 2,000 pupils who each answer every ~10 s and load
-- the next item (2 x 200 requests/s), and 60 live classes of 30 pupils polling the state once
-- a second (1,800 requests/s). The harness fills in the __NAMES__.
local rows = __ROWS__            -- {token, attempt_id, item_id, response_json}, each answered once
local tokens = __TOKENS__        -- {token, attempt_id, item_id} for item loads
local polls = __POLLS__          -- {session_id, token, etag}
local answer_share, item_share = __ANSWER_SHARE__, __ITEM_SHARE__
local counter = 1
local threads = {}

function setup(thread)
  thread:set("id", counter)
  table.insert(threads, thread)
  counter = counter + 1
end

function init(args)
  n = id
  acked = 0
  seen = {}
  math.randomseed(id * 7919)
end

function delay()
  return 700 + math.random(0, 600)
end

request = function()
  local r = math.random()
  if r < answer_share then
    local row = rows[n]
    n = n + __THREADS__
    if row == nil then row = rows[1] end
    local body = '{"response": ' .. row[4] .. ', "client_answer_id": "c' .. n .. '"}'
    return wrk.format("PUT", "/api/v1/attempts/" .. row[2] .. "/answers/" .. row[3],
      {["Authorization"] = "Bearer " .. row[1], ["Content-Type"] = "application/json"}, body)
  elseif r < answer_share + item_share then
    local t = tokens[math.random(#tokens)]
    return wrk.format("GET", "/api/v1/attempts/" .. t[2] .. "/items/" .. t[3] .. "?lang=kk",
      {["Authorization"] = "Bearer " .. t[1]})
  end
  local p = polls[math.random(#polls)]
  return wrk.format("GET", "/api/v1/live/" .. p[1] .. "/state",
    {["Authorization"] = "Bearer " .. p[2], ["If-None-Match"] = p[3]})
end

-- An acknowledged answer: a 200 naming its (attempt, item). A request that wrk re-sent after a
-- reconnect is acknowledged twice but counted once: each row belongs to one thread.
response = function(status, headers, body)
  if status == 200 then
    local attempt = body:match('"attempt_id":%s*(%d+)')
    local item = body:match('"item_id":%s*"([^"]+)"')
    local put = not body:find('"quiz_title"', 1, true)  -- an item load (GET) names its quiz
    if put and attempt and item and body:find('"correct_response"', 1, true) then
      local key = attempt .. " " .. item
      if not seen[key] then
        seen[key] = true
        acked = acked + 1
        local out = io.open("__ACKED_FILE__" .. id, "a")
        out:write(key, "\n")
        out:close()
      end
    end
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("acked")
  end
  io.write(string.format("ACKED %d\n", total))
  io.write(string.format("P99MS %.1f\n", latency:percentile(99) / 1000))
  io.write(string.format("P50MS %.1f\n", latency:percentile(50) / 1000))
  io.write(string.format("REQUESTS %d\n", summary.requests))
  local e = summary.errors
  io.write(string.format("ERRORS %d\n", e.connect + e.read + e.write + e.status + e.timeout))
end
