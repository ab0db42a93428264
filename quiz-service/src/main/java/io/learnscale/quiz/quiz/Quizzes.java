package io.learnscale.quiz.quiz;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The quizzes, in quiz-service's own PostgreSQL database. */
@Repository
public class Quizzes {

    private final JdbcClient jdbc;

    Quizzes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Quiz> findById(String id) {
        return jdbc.sql("select id, section, title from quiz where id = :id")
                .param("id", id)
                .query((rs, row) ->
                        new Quiz(rs.getString("id"), rs.getString("section"), rs.getString("title"), questionsOf(id)))
                .optional();
    }

    private List<Quiz.Question> questionsOf(String quizId) {
        Map<String, List<Quiz.Choice>> choices = new LinkedHashMap<>();
        jdbc.sql(
                        "select question_id, id, text, correct from choice where quiz_id = :quiz order by question_id, position")
                .param("quiz", quizId)
                .query(rs -> {
                    choices.computeIfAbsent(rs.getString("question_id"), q -> new ArrayList<>())
                            .add(new Quiz.Choice(rs.getString("id"), rs.getString("text"), rs.getBoolean("correct")));
                });
        return jdbc.sql(
                        "select id, text, explanation, topic_slug from question where quiz_id = :quiz order by position")
                .param("quiz", quizId)
                .query((rs, row) -> new Quiz.Question(
                        rs.getString("id"),
                        rs.getString("text"),
                        rs.getString("explanation"),
                        rs.getString("topic_slug"),
                        List.copyOf(choices.getOrDefault(rs.getString("id"), List.of()))))
                .list();
    }
}
