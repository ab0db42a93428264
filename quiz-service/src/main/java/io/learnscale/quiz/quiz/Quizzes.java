package io.learnscale.quiz.quiz;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The quizzes, in quiz-service's own PostgreSQL database. Each read is one statement, so it sees one consistent
 * snapshot together with the version it was read at; writes run inside the caller's transaction.
 */
@Repository
class Quizzes {

    private final JdbcClient jdbc;

    Quizzes(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Versioned<Quiz>> findById(String id) {
        var rows = new QuizRows();
        jdbc.sql("""
                        select z.id, z.section, z.title, z.version,
                               q.id as question_id, q.text as question_text, q.explanation, q.topic_slug,
                               c.id as choice_id, c.text as choice_text, c.correct
                        from quiz z
                        left join question q on q.quiz_id = z.id
                        left join choice c on c.quiz_id = q.quiz_id and c.question_id = q.id
                        where z.id = :id
                        order by q.position, c.position""").param("id", id).query(rows::add);
        return rows.quiz();
    }

    /** Every quiz in a stable order, with the catalog version the list was read at. */
    Versioned<List<QuizSummary>> findAll() {
        List<QuizSummary> quizzes = new ArrayList<>();
        long[] version = {0};
        jdbc.sql("""
                        select c.version as catalog_version, z.id, z.section, z.title,
                               (select count(*) from question q where q.quiz_id = z.id) as questions
                        from catalog c
                        left join quiz z on true
                        order by z.section, z.id""").query(rs -> {
            version[0] = rs.getLong("catalog_version");
            if (rs.getString("id") != null) {
                quizzes.add(new QuizSummary(
                        rs.getString("id"), rs.getString("section"), rs.getString("title"), rs.getInt("questions")));
            }
        });
        return new Versioned<>(List.copyOf(quizzes), version[0]);
    }

    /** Inserts a new quiz; its version is returned. */
    long insert(Quiz quiz) {
        long version = nextVersion();
        try {
            jdbc.sql("insert into quiz (id, section, title, version) values (:id, :section, :title, :version)")
                    .param("id", quiz.id())
                    .param("section", quiz.section())
                    .param("title", quiz.title())
                    .param("version", version)
                    .update();
        } catch (DuplicateKeyException e) {
            throw new QuizAlreadyExistsException(quiz.id());
        }
        insertQuestions(quiz);
        return version;
    }

    /** Replaces every field and question of an existing quiz; its new version is returned. */
    long replace(Quiz quiz) {
        long version = nextVersion();
        int updated = jdbc.sql("update quiz set section = :section, title = :title, version = :version where id = :id")
                .param("id", quiz.id())
                .param("section", quiz.section())
                .param("title", quiz.title())
                .param("version", version)
                .update();
        if (updated == 0) {
            throw new QuizNotFoundException(quiz.id());
        }
        jdbc.sql("delete from question where quiz_id = :id")
                .param("id", quiz.id())
                .update();
        insertQuestions(quiz);
        return version;
    }

    /** Deletes a quiz; the version of the deletion is returned. */
    long delete(String id) {
        long version = nextVersion();
        if (jdbc.sql("delete from quiz where id = :id").param("id", id).update() == 0) {
            throw new QuizNotFoundException(id);
        }
        return version;
    }

    /** Takes the next catalog version; the row lock also serialises authoring changes. */
    private long nextVersion() {
        return jdbc.sql("update catalog set version = version + 1 where id = 1 returning version")
                .query(Long.class)
                .single();
    }

    private void insertQuestions(Quiz quiz) {
        int questionPosition = 0;
        for (Quiz.Question question : quiz.questions()) {
            jdbc.sql("""
                            insert into question (quiz_id, id, position, text, explanation, topic_slug)
                            values (:quiz, :id, :position, :text, :explanation, :topic)""")
                    .param("quiz", quiz.id())
                    .param("id", question.id())
                    .param("position", ++questionPosition)
                    .param("text", question.text())
                    .param("explanation", question.explanation())
                    .param("topic", question.topicSlug())
                    .update();
            int choicePosition = 0;
            for (Quiz.Choice choice : question.choices()) {
                jdbc.sql("""
                                insert into choice (quiz_id, question_id, id, position, text, correct)
                                values (:quiz, :question, :id, :position, :text, :correct)""")
                        .param("quiz", quiz.id())
                        .param("question", question.id())
                        .param("id", choice.id())
                        .param("position", ++choicePosition)
                        .param("text", choice.text())
                        .param("correct", choice.correct())
                        .update();
            }
        }
    }

    /** Folds the rows of the one-statement quiz query back into a quiz. */
    private static final class QuizRows {

        private String id;
        private String section;
        private String title;
        private long version;
        private final Map<String, QuestionRow> questions = new LinkedHashMap<>();

        void add(ResultSet rs) throws SQLException {
            id = rs.getString("id");
            section = rs.getString("section");
            title = rs.getString("title");
            version = rs.getLong("version");
            String questionId = rs.getString("question_id");
            if (questionId == null) {
                return;
            }
            String text = rs.getString("question_text");
            String explanation = rs.getString("explanation");
            String topicSlug = rs.getString("topic_slug");
            QuestionRow question =
                    questions.computeIfAbsent(questionId, q -> new QuestionRow(q, text, explanation, topicSlug));
            String choiceId = rs.getString("choice_id");
            if (choiceId != null) {
                question.choices.add(new Quiz.Choice(choiceId, rs.getString("choice_text"), rs.getBoolean("correct")));
            }
        }

        Optional<Versioned<Quiz>> quiz() {
            if (id == null) {
                return Optional.empty();
            }
            List<Quiz.Question> list = questions.values().stream()
                    .map(q -> new Quiz.Question(q.id, q.text, q.explanation, q.topicSlug, q.choices))
                    .toList();
            return Optional.of(new Versioned<>(new Quiz(id, section, title, list), version));
        }
    }

    private record QuestionRow(
            String id, String text, String explanation, String topicSlug, List<Quiz.Choice> choices) {
        QuestionRow(String id, String text, String explanation, String topicSlug) {
            this(id, text, explanation, topicSlug, new ArrayList<>());
        }
    }
}
