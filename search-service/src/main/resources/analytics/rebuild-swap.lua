-- Makes the rebuilt generation the current one, atomically with ending the claim: the generation replaced, or -1
-- when the claim had lapsed (the live consumers may have stopped writing to it, so it must not be used).
-- ARGV[1]: the generation
if redis.call('GET', 'analytics:building') ~= ARGV[1] then
  return -1
end
local previous = tonumber(redis.call('GET', 'analytics:current') or '0')
redis.call('SET', 'analytics:current', ARGV[1])
redis.call('DEL', 'analytics:building')
return previous
