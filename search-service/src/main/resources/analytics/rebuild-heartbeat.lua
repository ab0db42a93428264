-- Keeps a rebuild's claim alive: 1 while it is still the one building, 0 when its claim lapsed or was taken.
-- ARGV[1]: the generation, ARGV[2]: the claim's time to live, milliseconds
if redis.call('GET', 'analytics:building') ~= ARGV[1] then
  return 0
end
redis.call('PEXPIRE', 'analytics:building', ARGV[2])
return 1
