-- wrk script: HTTP announces with a random known (or foreign) info-hash, a random peer id and port,
-- one request per connection as BitTorrent clients do (Connection: close).
-- usage: wrk -t2 -c50 -d10s -s bench/announce.lua http://127.0.0.1:6969 -- HASH_FILE

local hashes = {}

local function escape(hex)
  return (hex:gsub("..", function(byte) return "%" .. byte end))
end

function init(args)
  local file = assert(io.open(args[1], "r"))
  for line in file:lines() do
    if #line == 40 then hashes[#hashes + 1] = escape(line) end
  end
  file:close()
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

function request()
  local peer = string.format("-WK0001-%012d", math.random(0, 999999999999))
  local left = (math.random(4) == 1) and 0 or 1000
  local path = "/announce?info_hash=" .. hashes[math.random(#hashes)] ..
      "&peer_id=" .. peer .. "&port=" .. math.random(1024, 65000) ..
      "&uploaded=0&downloaded=0&left=" .. left .. "&compact=1&numwant=50"
  return wrk.format("GET", path, { ["Connection"] = "close" })
end

latencies = {}
function done(summary, latency, requests)
  io.write(string.format("http: %.0f req/s, p50 %.3f ms, p99 %.3f ms, %d requests, %d errors\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, summary.requests,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.status + summary.errors.timeout))
end
