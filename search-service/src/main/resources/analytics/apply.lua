-- Applies a batch of graded attempts to the analytics aggregates, each attempt at most once per generation.
--
-- ARGV[1]: 'live' (the consumer group: the current generation, and also the generation a rebuild is building, if
--          any) or a generation number (a rebuild replaying the topic into it)
-- ARGV[2..]: one attempt each, JSON: {"id","quiz","section","user","score","max","results":[{"question","correct"}]}
-- Returns how many attempts were new to the target generation ('live': the current one).
--
-- Every key of a generation starts with analytics:g<n>: and ends with the id it is about, so no quiz, user or
-- question id, whatever characters it holds, can reach another's key.

local function apply(generation, a)
  local p = 'analytics:g' .. generation .. ':'
  if redis.call('SADD', p .. 'applied', a.id) == 0 then
    return 0
  end

  local quiz = p .. 'quiz:' .. a.quiz
  redis.call('HINCRBY', quiz, 'attempts', 1)
  redis.call('HINCRBY', quiz, 'scoreSum', a.score)
  redis.call('HINCRBY', quiz, 'maxScoreSum', a.max)
  if a.max > tonumber(redis.call('HGET', quiz, 'maxScore') or '0') then
    redis.call('HSET', quiz, 'maxScore', a.max)
  end
  redis.call('HINCRBY', p .. 'quiz-histogram:' .. a.quiz, a.score, 1)
  for _, result in ipairs(a.results) do
    redis.call('HINCRBY', p .. 'quiz-answered:' .. a.quiz, result.question, 1)
    if result.correct then
      redis.call('HINCRBY', p .. 'quiz-correct:' .. a.quiz, result.question, 1)
    end
  end

  -- per user and section: attempts, and the best attempt by percentage
  redis.call('HINCRBY', p .. 'user-attempts:' .. a.user, a.section, 1)
  local bestScore = redis.call('HGET', p .. 'user-best-score:' .. a.user, a.section)
  local bestMax = redis.call('HGET', p .. 'user-best-max:' .. a.user, a.section)
  if not bestScore or a.score * tonumber(bestMax) > tonumber(bestScore) * a.max then
    redis.call('HSET', p .. 'user-best-score:' .. a.user, a.section, a.score)
    redis.call('HSET', p .. 'user-best-max:' .. a.user, a.section, a.max)
  end

  -- the leaderboard: a user's points are the sum of their best score on each quiz
  redis.call('HINCRBY', p .. 'users-attempts', a.user, 1)
  local quizBest = tonumber(redis.call('HGET', p .. 'user-quiz-best:' .. a.user, a.quiz) or '-1')
  if a.score > quizBest then
    redis.call('HSET', p .. 'user-quiz-best:' .. a.user, a.quiz, a.score)
    redis.call('ZINCRBY', p .. 'leaderboard', a.score - math.max(quizBest, 0), a.user)
  end
  return 1
end

local target = ARGV[1]
local building = false
if target == 'live' then
  target = redis.call('GET', 'analytics:current') or '0'
  building = redis.call('GET', 'analytics:building')
end

local applied = 0
for i = 2, #ARGV do
  local attempt = cjson.decode(ARGV[i])
  applied = applied + apply(target, attempt)
  if building and building ~= target then
    apply(building, attempt)
  end
end
return applied
