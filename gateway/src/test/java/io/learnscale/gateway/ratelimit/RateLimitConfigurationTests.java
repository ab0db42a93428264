package io.learnscale.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.core.io.FileSystemResource;
import org.springframework.data.redis.core.script.DefaultRedisScript;
import org.springframework.data.redis.core.script.RedisScript;

class RateLimitConfigurationTests {

    @Test
    void theLimitersScriptIsReadOnceAndNeverAskedAgainWhetherItChanged(@TempDir Path directory) throws Exception {
        Path file = Files.writeString(directory.resolve("limit.lua"), "return {1, 2}");
        DefaultRedisScript<List<Long>> stock = new DefaultRedisScript<>();
        stock.setLocation(new FileSystemResource(file));
        @SuppressWarnings("unchecked")
        Class<List<Long>> resultType = (Class<List<Long>>) (Class<?>) List.class;
        stock.setResultType(resultType);
        String stockSha = stock.getSha1();

        RedisScript<List<Long>> script = RateLimitConfiguration.inMemory(stock);
        Files.writeString(file, "return {3, 4}"); // a change on disk no longer matters

        assertThat(script.getSha1()).isEqualTo(stockSha);
        assertThat(script.getScriptAsString()).isEqualTo("return {1, 2}");
        assertThat(script.getResultType()).isEqualTo(List.class);
        assertThat(stock.getScriptAsString()).isEqualTo("return {3, 4}");
    }
}
