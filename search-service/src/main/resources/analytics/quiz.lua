-- One quiz's aggregates in the current generation: {quiz hash, histogram, answered per question, correct per question}
local p = 'analytics:g' .. (redis.call('GET', 'analytics:current') or '0') .. ':'
local quiz = ARGV[1]
return {
  redis.call('HGETALL', p .. 'quiz:' .. quiz),
  redis.call('HGETALL', p .. 'quiz-histogram:' .. quiz),
  redis.call('HGETALL', p .. 'quiz-answered:' .. quiz),
  redis.call('HGETALL', p .. 'quiz-correct:' .. quiz)
}
