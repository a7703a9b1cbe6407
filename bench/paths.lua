-- wrk script for bench/abuse.sh's web shapes: GETs of the given paths in random order, or (after
-- "variants") of a show page under a new percent-encoding of its slug each time, as an attacker
-- would to grow a cache keyed by the raw URI, or (after "misses") of the web seed's media under an
-- episode id that exists nowhere, a new one each time, as an attacker would to make the web seed ask
-- the database. Prints one line with the rate and non-2xx answers.
-- usage: wrk -t1 -c32 -d30s -s bench/paths.lua http://127.0.0.1:8080 -- /path [/other...]
--        wrk -t1 -c32 -d30s -s bench/paths.lua http://127.0.0.1:8080 -- variants SLUG
--        wrk -t1 -c32 -d30s -s bench/paths.lua http://127.0.0.1:8080 -- misses

local paths, slug, misses = {}, nil, false

function init(args)
  if args[1] == "variants" then slug = args[2] elseif args[1] == "misses" then misses = true else for i = 1, #args do paths[i] = args[i] end end
  math.randomseed(os.time() + math.floor(os.clock() * 1e6))
end

local function variant(s)
  return (s:gsub(".", function(c)
    local r = math.random(3)
    if r == 1 then return c elseif r == 2 then return string.format("%%%02x", c:byte()) end
    return string.format("%%%02X", c:byte())
  end))
end

function request()
  if misses then return wrk.format("GET", "/media/" .. math.random(1000000, 2000000000) .. "/x.mp4") end
  return wrk.format("GET", slug and ("/shows/" .. variant(slug)) or paths[math.random(#paths)])
end

function done(summary, latency, requests)
  io.write(string.format("attack: %.0f req/s, p99 %.1f ms, %d requests, %d non-2xx/3xx, %d socket errors\n",
      summary.requests / (summary.duration / 1e6), latency:percentile(99) / 1000, summary.requests,
      summary.errors.status, summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
