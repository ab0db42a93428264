package io.learnscale.content.topic;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Publishes the topics a migration wrote (the notes) as {@code TopicUpserted}, so an index built from
 * {@code content.topics} has everything the database has. Each queued slug is taken and its event registered in
 * one transaction; {@code skip locked} lets several instances starting together share the work without doubles.
 */
@Component
class SeedAnnouncer implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(SeedAnnouncer.class);
    private static final int BATCH = 100;

    private final JdbcClient jdbc;
    private final Topics topics;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transaction;

    SeedAnnouncer(JdbcClient jdbc, Topics topics, ApplicationEventPublisher events, TransactionTemplate transaction) {
        this.jdbc = jdbc;
        this.topics = topics;
        this.events = events;
        this.transaction = transaction;
    }

    @Override
    public void run(ApplicationArguments args) {
        int total = 0;
        Integer announced;
        do {
            announced = transaction.execute(status -> announceBatch());
            total += announced == null ? 0 : announced;
        } while (announced != null && announced > 0);
        if (total > 0) {
            log.info("Published {} seeded topics to the outbox", total);
        }
    }

    private int announceBatch() {
        List<String> slugs = jdbc.sql("delete from topic_announcement where slug in (select slug from"
                        + " topic_announcement order by slug limit :batch for update skip locked) returning slug")
                .param("batch", BATCH)
                .query(String.class)
                .list();
        slugs.forEach(slug ->
                topics.find(slug).ifPresent(topic -> events.publishEvent(TopicUpserted.of(topic, ChangeOrigin.NONE))));
        return slugs.size();
    }
}
