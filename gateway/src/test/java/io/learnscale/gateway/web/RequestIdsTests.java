package io.learnscale.gateway.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class RequestIdsTests {

    private static final String UUID_PATTERN = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    @ParameterizedTest
    @ValueSource(
            strings = {
                "a",
                "trace-me:42",
                "ABC.def_123-x:y",
                "0123456789012345678901234567890123456789012345678901234567890123"
            })
    void keepsAPlainIdOfTheCaller(String offered) {
        assertThat(RequestIds.takeOrMake(offered)).isEqualTo(offered);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(
            strings = {
                "with space",
                "line\nbreak",
                "<script>",
                "ünïcode",
                "01234567890123456789012345678901234567890123456789012345678901234"
            })
    void makesAFreshIdInsteadOfAMissingOrUnsafeOne(String offered) {
        assertThat(RequestIds.takeOrMake(offered)).matches(UUID_PATTERN);
    }
}
