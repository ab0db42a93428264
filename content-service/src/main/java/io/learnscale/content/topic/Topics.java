package io.learnscale.content.topic;

import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The topics, in content-service's own PostgreSQL database. */
@Repository
class Topics {

    private static final String COLUMNS = "slug, section_slug, title, body, tags, position, version, updated_at";
    private static final String FILTER = " where (:section::text is null or section_slug = :section)"
            + " and (:tag::text is null or :tag = any(tags))";

    private final JdbcClient jdbc;

    Topics(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Topic> find(@Nullable String section, @Nullable String tag, int offset, int limit) {
        return jdbc.sql("select " + COLUMNS + " from topic" + FILTER
                        + " order by section_slug, position, slug limit :limit offset :offset")
                .param("section", section)
                .param("tag", tag)
                .param("limit", limit)
                .param("offset", offset)
                .query((rs, row) -> map(rs))
                .list();
    }

    long count(@Nullable String section, @Nullable String tag) {
        return jdbc.sql("select count(*) from topic" + FILTER)
                .param("section", section)
                .param("tag", tag)
                .query(Long.class)
                .single();
    }

    Optional<Topic> findBySlug(String slug) {
        return jdbc.sql("select " + COLUMNS + " from topic where slug = :slug")
                .param("slug", slug)
                .query((rs, row) -> map(rs))
                .optional();
    }

    private static Topic map(ResultSet rs) throws SQLException {
        return new Topic(
                rs.getString("slug"),
                rs.getString("section_slug"),
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
}
