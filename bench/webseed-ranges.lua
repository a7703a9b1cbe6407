-- wrk script: 1 MiB Range requests at random piece offsets, as a BitTorrent web-seed client sends.
-- FILE_SIZE (bytes) comes from the environment.
local size = tonumber(os.getenv("FILE_SIZE"))
local piece = 1048576
local pieces = math.floor(size / piece)
local non206 = 0

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

function response(status, headers, body)
  if status ~= 206 then non206 = non206 + 1 end
end
