package io.learnscale.quiz.web;

import io.swagger.v3.core.converter.ModelConverters;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.info.BuildProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.ProblemDetail;

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
                                a detail and the requestId."""))
                .components(
                        new Components().schemas(ModelConverters.getInstance().read(ProblemDetail.class)));
    }

    /** Every error an operation declares is problem+json, so the controllers only name its code and meaning. */
    @Bean
    OperationCustomizer problemContent() {
        return (operation, handlerMethod) -> {
            if (operation.getResponses() != null) {
                operation.getResponses().forEach((code, response) -> {
                    boolean error = code.startsWith("4") || code.startsWith("5");
                    // springdoc gives an error without content the method's return type: replace that
                    if (error
                            && (response.getContent() == null
                                    || !response.getContent()
                                            .containsKey(
                                                    org.springframework.http.MediaType
                                                            .APPLICATION_PROBLEM_JSON_VALUE))) {
                        response.setContent(new Content()
                                .addMediaType(
                                        org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                                        new MediaType()
                                                .schema(new Schema<>().$ref("#/components/schemas/ProblemDetail"))));
                    }
                });
            }
            return operation;
        };
    }
}
