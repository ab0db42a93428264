package io.learnscale.quiz.quiz;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** A quiz: questions, each with choices, some of them correct, an explanation and the topic it comes from. */
public record Quiz(String id, String section, String title, List<Question> questions) {

    public Quiz {
        questions = List.copyOf(questions);
    }

    public Optional<Question> question(String questionId) {
        return questions.stream().filter(q -> q.id().equals(questionId)).findFirst();
    }

    public record Question(String id, String text, String explanation, String topicSlug, List<Choice> choices) {

        public Question {
            choices = List.copyOf(choices);
        }

        public Set<String> correctChoices() {
            return choices.stream()
                    .filter(Choice::correct)
                    .map(Choice::id)
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        public boolean hasChoice(String choiceId) {
            return choices.stream().anyMatch(c -> c.id().equals(choiceId));
        }

        /** Several correct choices make it a multiple-choice question ("choose all that apply"). */
        public boolean multiple() {
            return correctChoices().size() > 1;
        }
    }

    public record Choice(String id, String text, boolean correct) {}
}
