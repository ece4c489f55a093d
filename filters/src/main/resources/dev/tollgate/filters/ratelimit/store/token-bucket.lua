-- Tollgate rate limiter: an atomic multi-limit token bucket with continuous refill, the same model as bucket4j's
-- refillGreedy, decided in one round trip. A request passes only if every limit holds `cost` tokens; then all limits
-- are charged together. A refused request writes nothing.
--
-- KEYS[1]  the bucket, a hash: "ts" = last update (µs since the epoch), "1".."n" = tokens left per limit
-- ARGV[1]  now in µs, from the calling gateway's clock (injected, so tests control time)
-- ARGV[2]  cost, at least 1 and at most the smallest capacity
-- ARGV[3…] one pair per limit: capacity, window in µs
-- returns  { allowed (1|0), µs until the cost would fit (0 when allowed), whole tokens left per limit… }
local now = tonumber(ARGV[1])
local cost = tonumber(ARGV[2])
local n = (#ARGV - 2) / 2

local fields = { 'ts' }
for i = 1, n do
	fields[i + 1] = tostring(i)
end
local state = redis.call('HMGET', KEYS[1], unpack(fields))
local ts = tonumber(state[1])
local elapsed = 0
if ts ~= nil then
	elapsed = now - ts
	-- Another gateway's clock is ahead of ours: never refill backwards.
	if elapsed < 0 then
		elapsed = 0
	end
end

local tokens = {}
local allowed = 1
local retry = 0
for i = 1, n do
	local capacity = tonumber(ARGV[1 + 2 * i])
	local window = tonumber(ARGV[2 + 2 * i])
	local t = tonumber(state[i + 1])
	if t == nil or ts == nil then
		t = capacity
	else
		t = math.min(capacity, t + elapsed * capacity / window)
	end
	tokens[i] = t
	-- The epsilon absorbs floating-point residue of refills; it is far below one token.
	if t + 1e-9 < cost then
		allowed = 0
		local wait = (cost - t) * window / capacity
		if wait > retry then
			retry = wait
		end
	end
end

local result = { allowed, math.ceil(retry) }
local ttl = 0
local update = {}
for i = 1, n do
	local capacity = tonumber(ARGV[1 + 2 * i])
	local window = tonumber(ARGV[2 + 2 * i])
	local t = tokens[i]
	if allowed == 1 then
		t = math.max(0, t - cost)
	end
	result[2 + i] = math.floor(t + 1e-9)
	local untilFull = (capacity - t) * window / capacity
	if untilFull > ttl then
		ttl = untilFull
	end
	update[2 * i - 1] = tostring(i)
	update[2 * i] = string.format('%.17g', t)
end

if allowed == 1 then
	local stamp = ARGV[1]
	if ts ~= nil and ts > now then
		stamp = state[1]
	end
	redis.call('HSET', KEYS[1], 'ts', stamp, unpack(update))
	-- Forget the bucket once it would be full again (plus a second for clock skew): memory tracks active clients.
	redis.call('PEXPIRE', KEYS[1], math.ceil(ttl / 1000) + 1000)
end
return result
