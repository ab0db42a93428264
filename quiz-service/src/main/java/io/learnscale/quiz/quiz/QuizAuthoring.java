package io.learnscale.quiz.quiz;

import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Creates, replaces and deletes quizzes: each change is one transaction, and its cache evictions happen only after
 * it committed (an eviction before the commit could be refilled with the old quiz at once).
 */
@Service
class QuizAuthoring {

    private final Quizzes quizzes;
    private final QuizCatalog catalog;
    private final TransactionTemplate transactions;

    QuizAuthoring(Quizzes quizzes, QuizCatalog catalog, TransactionTemplate transactions) {
        this.quizzes = quizzes;
        this.catalog = catalog;
        this.transactions = transactions;
    }

    Quiz create(Quiz quiz) {
        QuizRules.check(quiz);
        long version = inTransaction(() -> quizzes.insert(quiz));
        catalog.changed(quiz.id(), version);
        return quiz;
    }

    Quiz replace(String id, Quiz quiz) {
        QuizRules.checkSameId(id, quiz);
        QuizRules.check(quiz);
        long version = inTransaction(() -> quizzes.replace(quiz));
        catalog.changed(id, version);
        return quiz;
    }

    void delete(String id) {
        long version = inTransaction(() -> quizzes.delete(id));
        catalog.changed(id, version);
    }

    private long inTransaction(java.util.function.LongSupplier change) {
        Long version = transactions.execute(status -> change.getAsLong());
        if (version == null) {
            throw new IllegalStateException("A change returned no version");
        }
        return version;
    }
}
