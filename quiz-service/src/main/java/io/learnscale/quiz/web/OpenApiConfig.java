package io.learnscale.quiz.web;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs} on the public port; the gateway aggregates it. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfig {

    @Bean
    OpenAPI quizServiceApi(ObjectProvider<BuildProperties> build) {
        String version = build.getIfAvailable() != null ? build.getIfAvailable().getVersion() : "dev";
        return new OpenAPI()
                .info(new Info()
                        .title("learnscale quiz-service")
                        .version(version)
                        .description("""
                                Quizzes written from the notes, and attempts at them. Every error is RFC 9457 \
                                application/problem+json with a stable type (urn:learnscale:problem:...), the status, \
                                a detail and the requestId."""));
    }
}
