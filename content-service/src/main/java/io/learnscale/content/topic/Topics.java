package io.learnscale.content.topic;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The topics, in content-service's own PostgreSQL database. */
@Repository
class Topics {

    private static final String COLUMNS =
            "slug, section_slug, subsection, title, body, tags, position, version, updated_at";
    private static final String SUMMARY_COLUMNS =
            "t.slug, t.section_slug, t.subsection, t.title, t.tags, t.position, t.version, t.updated_at";
    private static final String FILTER = " where (:section::text is null or t.section_slug = :section)"
            + " and (:tag::text is null or :tag = any(t.tags))";

    private final JdbcClient jdbc;

    Topics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A page in reading order: sections in order, topics in order within each. */
    List<TopicPage.Summary> find(@Nullable String section, @Nullable String tag, int offset, int limit) {
        return jdbc.sql("select " + SUMMARY_COLUMNS + " from topic t join section s on s.slug = t.section_slug" + FILTER
                        + " order by s.position, t.position, t.slug limit :limit offset :offset")
                .param("section", section)
                .param("tag", tag)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> new TopicPage.Summary(
                        rs.getString("slug"),
                        rs.getString("section_slug"),
                        rs.getString("subsection"),
                        rs.getString("title"),
                        strings(rs.getArray("tags")),
                        rs.getInt("position"),
                        rs.getLong("version"),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    long count(@Nullable String section, @Nullable String tag) {
        return jdbc.sql("select count(*) from topic t" + FILTER)
                .param("section", section)
                .param("tag", tag)
                .query(Long.class)
                .single();
    }

    Optional<Topic> find(String slug) {
        return jdbc.sql("select " + COLUMNS + " from topic where slug = :slug")
                .param("slug", slug)
                .query((rs, row) -> map(rs))
                .optional();
    }

    /** The topic, locked until the transaction ends, so a conditional write compares against the truth. */
    Optional<Topic> lock(String slug) {
        return jdbc.sql("select " + COLUMNS + " from topic where slug = :slug for update")
                .param("slug", slug)
                .query((rs, row) -> map(rs))
                .optional();
    }

    /** The new topic, or empty when the slug is taken. */
    Optional<Topic> insert(String slug, Draft draft) {
        return jdbc.sql("insert into topic (slug, section_slug, subsection, title, body, tags, position)"
                        + " values (:slug, :section, :subsection, :title, :body, :tags, :position)"
                        + " on conflict (slug) do nothing returning " + COLUMNS)
                .param("slug", slug)
                .params(draft.parameters())
                .query((rs, row) -> map(rs))
                .optional();
    }

    Topic update(String slug, Draft draft) {
        return jdbc.sql("update topic set section_slug = :section, subsection = :subsection, title = :title,"
                        + " body = :body, tags = :tags, position = :position,"
                        + " version = nextval('topic_version'), updated_at = now()"
                        + " where slug = :slug returning " + COLUMNS)
                .param("slug", slug)
                .params(draft.parameters())
                .query((rs, row) -> map(rs))
                .single();
    }

    /** Deletes the topic and returns the version of the deletion. */
    long delete(String slug) {
        jdbc.sql("delete from topic where slug = :slug").param("slug", slug).update();
        return jdbc.sql("select nextval('topic_version')").query(Long.class).single();
    }

    boolean sectionExists(String section) {
        return jdbc.sql("select exists (select 1 from section where slug = :section)")
                .param("section", section)
                .query(Boolean.class)
                .single();
    }

    int nextPosition(String section) {
        return jdbc.sql("select coalesce(max(position), 0) + 1 from topic where section_slug = :section")
                .param("section", section)
                .query(Integer.class)
                .single();
    }

    private static Topic map(ResultSet rs) throws SQLException {
        return new Topic(
                rs.getString("slug"),
                rs.getString("section_slug"),
                rs.getString("subsection"),
                rs.getString("title"),
                rs.getString("body"),
                strings(rs.getArray("tags")),
                rs.getInt("position"),
                rs.getLong("version"),
                rs.getTimestamp("updated_at").toInstant());
    }

    private static List<String> strings(Array array) throws SQLException {
        return List.copyOf(Arrays.asList((String[]) array.getArray()));
    }

    /** What a write stores: everything but the slug and the version. */
    record Draft(
            String section, @Nullable String subsection, String title, String body, List<String> tags, int position) {

        Map<String, Object> parameters() {
            Map<String, Object> parameters = new HashMap<>();
            parameters.put("section", section);
            parameters.put("subsection", subsection);
            parameters.put("title", title);
            parameters.put("body", body);
            parameters.put("tags", tags.toArray(String[]::new));
            parameters.put("position", position);
            return parameters;
        }
    }
}
