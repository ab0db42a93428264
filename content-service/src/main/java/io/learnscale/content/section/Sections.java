package io.learnscale.content.section;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The sections, in content-service's own PostgreSQL database. */
@Repository
class Sections {

    private final JdbcClient jdbc;

    Sections(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<Section> findAll() {
        return jdbc.sql("select s.slug, s.title, s.description, s.position, count(t.slug) as topic_count"
                        + " from section s left join topic t on t.section_slug = s.slug"
                        + " group by s.slug order by s.position")
                .query((rs, row) -> new Section(
                        rs.getString("slug"),
                        rs.getString("title"),
                        rs.getString("description"),
                        rs.getInt("position"),
                        rs.getLong("topic_count")))
                .list();
    }
}
