package io.learnscale.systemtests;

import com.jayway.jsonpath.JsonPath;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The operations the services document, read at test time from the OpenAPI documents the gateway serves. */
final class OpenApi {

    static final List<String> SERVICES = List.of("content-service", "quiz-service", "search-service");

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head");

    /**
     * @param in path, query or header
     */
    record Parameter(String name, String in, boolean required, Map<String, Object> schema) {}

    /**
     * @param bodies the request body's schema by media type (none for a bodyless operation)
     */
    record Operation(
            String service,
            String method,
            String path,
            List<Parameter> parameters,
            Map<String, Map<String, Object>> bodies,
            boolean bodyRequired,
            Map<String, Object> document) {

        /** {@code GET /api/topics/{slug}}: the way the matrix and the reports name an operation. */
        String label() {
            return method + " " + path;
        }

        /** A {@code $ref} to this document's components, resolved; any other schema as it is. */
        @SuppressWarnings("unchecked")
        Map<String, Object> resolve(Map<String, Object> schema) {
            Object ref = schema.get("$ref");
            if (!(ref instanceof String reference) || !reference.startsWith("#/")) {
                return schema;
            }
            Object node = document;
            for (String part : reference.substring(2).split("/")) {
                node = ((Map<String, Object>) node).get(part);
            }
            return resolve((Map<String, Object>) node);
        }
    }

    private OpenApi() {}

    /** Every operation of every service's document, fetched through the gateway. */
    static List<Operation> operations(String gateway) {
        List<Operation> operations = new ArrayList<>();
        for (String service : SERVICES) {
            HttpResponse<String> response = Http.get(gateway + "/v3/api-docs/" + service);
            if (response.statusCode() != 200) {
                throw new IllegalStateException(
                        "No OpenAPI document for %s: %d %s".formatted(service, response.statusCode(), response.body()));
            }
            operations.addAll(
                    operations(service, JsonPath.parse(response.body()).json()));
        }
        return operations;
    }

    @SuppressWarnings("unchecked")
    private static List<Operation> operations(String service, Map<String, Object> document) {
        List<Operation> operations = new ArrayList<>();
        Map<String, Object> paths = (Map<String, Object>) document.getOrDefault("paths", Map.of());
        paths.forEach((path, item) -> ((Map<String, Object>) item).forEach((method, value) -> {
            if (!METHODS.contains(method)) {
                return;
            }
            Map<String, Object> operation = (Map<String, Object>) value;
            List<Parameter> parameters = new ArrayList<>();
            for (Object p : (List<Object>) operation.getOrDefault("parameters", List.of())) {
                Map<String, Object> parameter = (Map<String, Object>) p;
                parameters.add(new Parameter(
                        (String) parameter.get("name"),
                        (String) parameter.get("in"),
                        Boolean.TRUE.equals(parameter.get("required")),
                        (Map<String, Object>) parameter.getOrDefault("schema", Map.of())));
            }
            Map<String, Map<String, Object>> bodies = new LinkedHashMap<>();
            boolean bodyRequired = false;
            if (operation.get("requestBody") instanceof Map<?, ?> body) {
                bodyRequired = Boolean.TRUE.equals(body.get("required"));
                ((Map<String, Object>) body.get("content"))
                        .forEach((type, media) -> bodies.put(type, (Map<String, Object>)
                                ((Map<String, Object>) media).getOrDefault("schema", Map.of())));
            }
            operations.add(
                    new Operation(service, method.toUpperCase(), path, parameters, bodies, bodyRequired, document));
        }));
        return operations;
    }
}
