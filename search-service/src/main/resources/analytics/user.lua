-- One user's progress in the current generation: {attempts per section, best score per section, its max score}
local p = 'analytics:g' .. (redis.call('GET', 'analytics:current') or '0') .. ':'
local user = ARGV[1]
return {
  redis.call('HGETALL', p .. 'user-attempts:' .. user),
  redis.call('HGETALL', p .. 'user-best-score:' .. user),
  redis.call('HGETALL', p .. 'user-best-max:' .. user)
}
