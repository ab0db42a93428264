package io.learnscale.search;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}, listed by the gateway's Swagger UI. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    OpenAPI searchServiceOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("learnscale search-service")
                        .version("v1")
                        .description("Full-text search over the topics and learning analytics over the attempts."
                                + " Errors are RFC 9457 application/problem+json."));
    }
}
