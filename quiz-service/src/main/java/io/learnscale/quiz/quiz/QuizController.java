package io.learnscale.quiz.quiz;

import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/quizzes")
class QuizController {

    private final Quizzes quizzes;

    QuizController(Quizzes quizzes) {
        this.quizzes = quizzes;
    }

    @GetMapping("/{id}")
    QuizView get(@PathVariable String id) {
        return quizzes.findById(id).map(QuizView::of).orElseThrow(() -> new QuizNotFoundException(id));
    }

    /** A quiz as a taker sees it: never which choice is right. */
    record QuizView(String id, String section, String title, List<QuestionView> questions) {
        static QuizView of(Quiz quiz) {
            return new QuizView(
                    quiz.id(),
                    quiz.section(),
                    quiz.title(),
                    quiz.questions().stream().map(QuestionView::of).toList());
        }
    }

    record QuestionView(String id, String text, boolean multiple, List<ChoiceView> choices) {
        static QuestionView of(Quiz.Question question) {
            return new QuestionView(
                    question.id(),
                    question.text(),
                    question.multiple(),
                    question.choices().stream()
                            .map(c -> new ChoiceView(c.id(), c.text()))
                            .toList());
        }
    }

    record ChoiceView(String id, String text) {}
}
