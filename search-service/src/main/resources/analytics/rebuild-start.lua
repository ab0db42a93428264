-- Claims the one rebuild that may run: -1 when another one is building, else the new generation number, which the
-- live consumers now write to as well (analytics:building expires unless the rebuild keeps it alive).
-- ARGV[1]: the claim's time to live, milliseconds
if redis.call('EXISTS', 'analytics:building') == 1 then
  return -1
end
local current = tonumber(redis.call('GET', 'analytics:current') or '0')
local generation = redis.call('INCR', 'analytics:seq')
if generation <= current then
  generation = current + 1
  redis.call('SET', 'analytics:seq', generation)
end
redis.call('SET', 'analytics:building', generation, 'PX', ARGV[1])
return generation
