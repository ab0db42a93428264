package io.learnscale.quiz.quiz;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A quiz: questions, each with choices, some of them correct. */
public record Quiz(String id, String section, String title, List<Question> questions) {

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    public record Question(String id, String text, String explanation, String topicSlug, List<Choice> choices) {

        public Set<String> correctChoices() {
            return choices.stream()
                    .filter(Choice::correct)
                    .map(Choice::id)
                    .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
        }

        public boolean hasChoice(String choiceId) {
            return choices.stream().anyMatch(c -> c.id().equals(choiceId));
        }

        /** Several correct choices make it a multiple-choice question. */
        public boolean multiple() {
            return correctChoices().size() > 1;
        }
    }

    public record Choice(String id, String text, boolean correct) {}
}
