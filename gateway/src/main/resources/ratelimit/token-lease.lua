-- Spring Cloud Gateway's token bucket (its request_rate_limiter.lua: the same keys, arithmetic and expiry, so gateways
-- with either script share the buckets), except that it hands out up to ARGV[5] tokens at once: the gateway instance
-- keeps what its request did not need for the client's next requests (ratelimit/TokenLeases).
-- Answers { tokens handed out (0: refused), tokens left in the bucket }.
redis.replicate_commands()

local tokens_key = KEYS[1]
local timestamp_key = KEYS[2]

local rate = tonumber(ARGV[1])
local capacity = tonumber(ARGV[2])
local now = tonumber(ARGV[3]) or redis.call('TIME')[1]
local requested = tonumber(ARGV[4])
local lease = math.max(requested, tonumber(ARGV[5]))

local fill_time = capacity / rate
local ttl = math.floor(fill_time * 2)

local last_tokens = tonumber(redis.call("get", tokens_key)) or capacity
local last_refreshed = tonumber(redis.call("get", timestamp_key)) or 0

local delta = math.max(0, now - last_refreshed)
local filled_tokens = math.min(capacity, last_tokens + (delta * rate))
local granted = 0
if filled_tokens >= requested then
  granted = math.min(lease, math.floor(filled_tokens))
end
local new_tokens = filled_tokens - granted

if ttl > 0 then
  redis.call("setex", tokens_key, ttl, new_tokens)
  redis.call("setex", timestamp_key, ttl, now)
end

return { granted, new_tokens }
