-- Ends a failed rebuild's claim if it still holds it. ARGV[1]: the generation
if redis.call('GET', 'analytics:building') == ARGV[1] then
  redis.call('DEL', 'analytics:building')
  return 1
end
return 0
