package io.learnscale.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EncodingGuardTests {

    @Test
    void utf8EscapesPlainTextAndNoQueryPass() {
        assertThat(EncodingGuard.decodesAsUtf8("/api/topics/%F0%9F%98%80")).isTrue();
        assertThat(EncodingGuard.decodesAsUtf8("q=caf%C3%A9&limit=5")).isTrue();
        assertThat(EncodingGuard.decodesAsUtf8("/api/topics/horizontal-scaling"))
                .isTrue();
        assertThat(EncodingGuard.decodesAsUtf8(null)).isTrue();
    }

    @Test
    void escapesThatAreNotUtf8Fail() {
        assertThat(EncodingGuard.decodesAsUtf8("/api/topics/%C3%28")).isFalse();
        assertThat(EncodingGuard.decodesAsUtf8("/api/quizzes/%ED%A0%80")).isFalse(); // a lone surrogate
        assertThat(EncodingGuard.decodesAsUtf8("q=%FF%FE")).isFalse();
        assertThat(EncodingGuard.decodesAsUtf8("q=%E2%82")).isFalse(); // cut short
        assertThat(EncodingGuard.decodesAsUtf8("q=%G1")).isFalse();
        assertThat(EncodingGuard.decodesAsUtf8("q=%4")).isFalse();
    }
}
