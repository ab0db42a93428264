-- The top ARGV[1] users of the current generation: {user, points, user, points, ...} and {attempts of each user}
local p = 'analytics:g' .. (redis.call('GET', 'analytics:current') or '0') .. ':'
local top = redis.call('ZREVRANGE', p .. 'leaderboard', 0, tonumber(ARGV[1]) - 1, 'WITHSCORES')
local users = {}
for i = 1, #top, 2 do
  users[#users + 1] = top[i]
end
local attempts = {}
if #users > 0 then
  attempts = redis.call('HMGET', p .. 'users-attempts', unpack(users))
end
return {top, attempts}
