-- wrk script: 1 MiB Range requests at random piece offsets, as a BitTorrent web-seed client sends.
-- FILE_SIZE (bytes) comes from the environment.
local size = tonumber(os.getenv("FILE_SIZE"))
local piece = 1048576
local pieces = math.floor(size / piece)

function setup(thread)
  thread:set("id", math.random(1, 1000000))
end

function init(args)
  math.randomseed(os.time() + id)
end

function request()
  local start = math.random(0, pieces - 1) * piece
  return wrk.format("GET", nil, { ["Range"] = "bytes=" .. start .. "-" .. (start + piece - 1) })
end

-- No response() callback: defining one makes wrk hand every 1 MiB body to Lua, which would
-- measure wrk, not the server. Statuses other than 2xx show as "Non-2xx" in wrk's summary.
