package io.learnscale.content.web;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Map;
import java.util.TreeMap;
import org.springdoc.core.customizers.OperationCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The OpenAPI document at {@code /v3/api-docs}: every operation with the problems it can answer. */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    static final String PROBLEM_SCHEMA = "Problem";

    private static final Map<Integer, String> DESCRIPTIONS = new TreeMap<>(Map.ofEntries(
            Map.entry(400, "Invalid input; `errors` lists the invalid fields"),
            Map.entry(404, "No such topic"),
            Map.entry(409, "A topic with this slug exists"),
            Map.entry(412, "If-Match does not match the topic's current ETag: someone changed it meanwhile"),
            Map.entry(415, "Wrong Content-Type"),
            Map.entry(428, "If-Match is required: send the ETag of the version you changed"),
            Map.entry(500, "Unexpected error; quote the requestId"),
            Map.entry(503, "The database is unavailable; retry after Retry-After seconds")));

    @Bean
    OpenAPI contentServiceOpenApi() {
        return new OpenAPI()
                .info(new Info()
                        .title("learnscale content-service")
                        .version("v1")
                        .description("Sections and topics of the notes. Errors are RFC 9457 application/problem+json."))
                .components(new Components().addSchemas(PROBLEM_SCHEMA, problemSchema()));
    }

    @Bean
    OperationCustomizer problemResponses() {
        return (operation, handlerMethod) -> {
            ProblemResponses declared = handlerMethod.getMethodAnnotation(ProblemResponses.class);
            ApiResponses responses = operation.getResponses() == null ? new ApiResponses() : operation.getResponses();
            if (declared != null) {
                for (int status : declared.value()) {
                    responses.addApiResponse(String.valueOf(status), problem(status));
                }
            }
            responses.addApiResponse("500", problem(500));
            responses.addApiResponse("503", problem(503));
            operation.setResponses(responses);
            return operation;
        };
    }

    private static ApiResponse problem(int status) {
        return new ApiResponse()
                .description(DESCRIPTIONS.getOrDefault(status, "Problem"))
                .content(new Content()
                        .addMediaType(
                                "application/problem+json",
                                new MediaType().schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM_SCHEMA))));
    }

    @SuppressWarnings("rawtypes")
    private static Schema problemSchema() {
        Schema<?> fieldError =
                new ObjectSchema().addProperty("field", new StringSchema()).addProperty("message", new StringSchema());
        return new ObjectSchema()
                .description("RFC 9457 problem details")
                .addProperty("type", new StringSchema().example("urn:learnscale:problem:topic-not-found"))
                .addProperty("title", new StringSchema())
                .addProperty("status", new IntegerSchema())
                .addProperty("detail", new StringSchema())
                .addProperty("instance", new StringSchema())
                .addProperty("requestId", new StringSchema())
                .addProperty("errors", new ArraySchema().items(fieldError));
    }
}
