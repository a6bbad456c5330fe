-- Each request answers a different (attempt, item): a real insert, never a replay.
-- The harness replaces __ROWS__ with {token, attempt_id, item_id, response_json} rows.
local rows = __ROWS__
local counter = 1

function setup(thread)
  thread:set("id", counter)
  counter = counter + 1
end

function init(args)
  n = id
end

request = function()
  local row = rows[(n - 1) % #rows + 1]
  n = n + 2
  local body = '{"response": ' .. row[4] .. ', "client_answer_id": "b' .. n .. '"}'
  return wrk.format("PUT", "/api/v1/attempts/" .. row[2] .. "/answers/" .. row[3],
    {["Authorization"] = "Bearer " .. row[1], ["Content-Type"] = "application/json"}, body)
end
