package io.learnscale.content.notes;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import org.flywaydb.core.api.MigrationVersion;
import org.flywaydb.core.api.migration.Context;
import org.flywaydb.core.api.migration.JavaMigration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * V3: the whole notes (shipped in this module as {@code notes/python-architecture-notes.md}) as sections and
 * topics, once, on a fresh database. Spring Boot hands {@link JavaMigration} beans to Flyway. The topics are also
 * queued in {@code topic_announcement}, so the first instance to start publishes them to {@code content.topics}.
 */
@Component
class NotesMigration implements JavaMigration {

    static final String NOTES = "notes/python-architecture-notes.md";

    @Override
    public MigrationVersion getVersion() {
        return MigrationVersion.fromVersion("3");
    }

    @Override
    public String getDescription() {
        return "notes";
    }

    @Override
    public Integer getChecksum() {
        return null; // the notes may be reformatted; a change of content needs a new migration
    }

    @Override
    public boolean canExecuteInTransaction() {
        return true;
    }

    @Override
    public void migrate(Context context) throws SQLException {
        Notes notes = NotesParser.parse(read());
        Connection connection = context.getConnection();
        try (PreparedStatement sections = connection.prepareStatement(
                        "insert into section (slug, title, description, position) values (?, ?, ?, ?)");
                PreparedStatement topics = connection.prepareStatement(
                        "insert into topic (slug, section_slug, subsection, title, body, tags, position)"
                                + " values (?, ?, ?, ?, ?, ?, ?)");
                PreparedStatement announcements =
                        connection.prepareStatement("insert into topic_announcement (slug) values (?)")) {
            for (Notes.Section section : notes.sections()) {
                sections.setString(1, section.slug());
                sections.setString(2, section.title());
                sections.setObject(3, section.description(), Types.VARCHAR);
                sections.setInt(4, section.position());
                sections.addBatch();
                for (Notes.Topic topic : section.topics()) {
                    topics.setString(1, topic.slug());
                    topics.setString(2, section.slug());
                    topics.setObject(3, topic.subsection(), Types.VARCHAR);
                    topics.setString(4, topic.title());
                    topics.setString(5, topic.body());
                    topics.setArray(
                            6, connection.createArrayOf("text", topic.tags().toArray()));
                    topics.setInt(7, topic.position());
                    topics.addBatch();
                    announcements.setString(1, topic.slug());
                    announcements.addBatch();
                }
            }
            sections.executeBatch();
            topics.executeBatch();
            announcements.executeBatch();
        }
    }

    static String read() {
        try (InputStream in = new ClassPathResource(NOTES).getInputStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("The notes are missing from the classpath: " + NOTES, e);
        }
    }
}
