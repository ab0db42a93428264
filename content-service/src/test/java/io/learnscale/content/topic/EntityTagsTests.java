package io.learnscale.content.topic;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EntityTagsTests {

    @Test
    void ifMatchComparesStrongly() {
        assertThat(EntityTags.matches("\"7\"", 7)).isTrue();
        assertThat(EntityTags.matches("\"6\", \"7\"", 7)).isTrue();
        assertThat(EntityTags.matches("*", 7)).isTrue();
        assertThat(EntityTags.matches("\"6\"", 7)).isFalse();
        assertThat(EntityTags.matches("W/\"7\"", 7)).isFalse();
        assertThat(EntityTags.matches("7", 7)).isFalse();
    }
}
