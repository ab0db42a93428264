package io.learnscale.systemtests;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Generates requests for the documented operations from a seeded {@link Random}: a valid request built from the
 * operation's schemas, then one mutation of it (wrong types, missing and extra fields, huge strings, deep JSON, bad
 * UTF-8, wrong content types, hostile path and query values). The same seed gives the same requests, so a failure
 * is replayed with {@code -Dlearnscale.fuzz.seed=<seed>}.
 *
 * <p>Writes never name the seeded content: a PUT, PATCH or DELETE path names a {@code fuzz-} id or a hostile
 * value, so a fuzz run cannot delete the notes other tests read.
 */
final class RequestFuzzer {

    enum Mutation {
        VALID,
        MISSING_FIELD,
        EXTRA_FIELD,
        WRONG_TYPE,
        NULL_FIELD,
        HUGE_STRING,
        DEEP_JSON,
        BAD_UTF8,
        MALFORMED_JSON,
        WRONG_CONTENT_TYPE,
        NO_BODY,
        HOSTILE_PATH,
        HOSTILE_QUERY,
        HOSTILE_HEADER
    }

    /**
     * @param operation what it exercises
     * @param path the request target, percent-encoded as sent
     * @param headers besides Authorization
     * @param contentType null for none
     * @param body null for none
     */
    record Request(
            OpenApi.Operation operation,
            Mutation mutation,
            String path,
            Map<String, String> headers,
            String contentType,
            byte[] body) {

        String describe() {
            String text = body == null ? "" : new String(body, 0, Math.min(body.length, 160), StandardCharsets.UTF_8);
            return "%s %s [%s] Content-Type=%s body(%d)=%s headers=%s"
                    .formatted(
                            operation.method(),
                            path.length() > 200 ? path.substring(0, 200) + "…" : path,
                            mutation,
                            contentType,
                            body == null ? 0 : body.length,
                            text,
                            headers.keySet());
        }
    }

    /** Path and query values no service should choke on, as they go on the wire (already percent-encoded). */
    private static final List<String> HOSTILE = List.of(
            "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
            "..",
            "%00",
            "%FF%FE%FD",
            "%C3%28",
            "%ED%A0%80",
            "%3Cscript%3Ealert(1)%3C%2Fscript%3E",
            "%27%20OR%20%271%27%3D%271",
            "%F0%9F%98%80",
            "%25",
            "%20",
            "-1",
            "0",
            "9223372036854775808",
            "1e309",
            "NaN",
            "null",
            "%7Bid%7D",
            "a%0D%0AX-Injected%3A%20yes",
            "x".repeat(3000),
            // over the gateway's 4 KB request line: refused before routing, a 414 problem all the same
            "x".repeat(5000));

    private static final List<String> WRONG_CONTENT_TYPES = List.of(
            "text/plain",
            "application/xml",
            "application/x-www-form-urlencoded",
            "multipart/form-data; boundary=fuzz",
            "application/json; charset=UTF-16",
            "application/octet-stream",
            "fuzz/fuzz",
            "application/json-patch+json");

    private final Random random;
    private final List<OpenApi.Operation> operations;
    private final Map<String, List<String>> realIds;

    /**
     * @param realIds values a read may name, by path parameter name (real topic slugs, quiz ids)
     */
    RequestFuzzer(long seed, List<OpenApi.Operation> operations, Map<String, List<String>> realIds) {
        this.random = new Random(seed);
        this.operations = List.copyOf(operations);
        this.realIds = realIds;
    }

    Request next() {
        OpenApi.Operation operation = operations.get(random.nextInt(operations.size()));
        Mutation[] all = Mutation.values();
        Mutation mutation = all[random.nextInt(all.length)];
        return build(operation, mutation);
    }

    private Request build(OpenApi.Operation operation, Mutation mutation) {
        StringBuilder path = new StringBuilder();
        List<String> query = new ArrayList<>();
        Map<String, String> headers = new LinkedHashMap<>();
        boolean read = operation.method().equals("GET");
        String template = operation.path();
        for (OpenApi.Parameter parameter : operation.parameters()) {
            Map<String, Object> schema = operation.resolve(parameter.schema());
            switch (parameter.in()) {
                case "path" -> {
                    String value = mutation == Mutation.HOSTILE_PATH
                            ? pick(HOSTILE)
                            : encode(pathValue(parameter.name(), schema, read, template));
                    template = template.replace("{" + parameter.name() + "}", value);
                }
                case "query" -> {
                    if (mutation == Mutation.HOSTILE_QUERY) {
                        query.add(parameter.name() + "=" + pick(HOSTILE));
                    } else if (parameter.required() || random.nextBoolean()) {
                        query.add(parameter.name() + "=" + encode(String.valueOf(value(operation, schema, 0))));
                    }
                }
                case "header" -> {
                    if (mutation == Mutation.HOSTILE_HEADER) {
                        // 9,000 characters: over the gateway's 8 KB of header fields, a 431 problem
                        headers.put(
                                parameter.name(),
                                pick(List.of("", " ", "x".repeat(400), "x".repeat(9000), "../..", "\"*\"", "W/")));
                    } else if (parameter.name().equalsIgnoreCase("If-Match")) {
                        headers.put(parameter.name(), "*");
                    } else if (parameter.required() || random.nextBoolean()) {
                        headers.put(parameter.name(), "fuzz-" + Long.toHexString(random.nextLong()));
                    }
                }
                default -> {}
            }
        }
        path.append(template);
        if (mutation == Mutation.HOSTILE_QUERY) {
            query.add("fuzz" + random.nextInt(100) + "=" + pick(HOSTILE));
        }
        if (!query.isEmpty()) {
            path.append('?').append(String.join("&", query));
        }

        String contentType = null;
        byte[] body = null;
        if (!operation.bodies().isEmpty()) {
            var entry = operation.bodies().entrySet().iterator().next();
            contentType = entry.getKey();
            Object valid = value(operation, operation.resolve(entry.getValue()), 0);
            body = switch (mutation) {
                case MISSING_FIELD, EXTRA_FIELD, WRONG_TYPE, NULL_FIELD, HUGE_STRING -> bytes(mutate(valid, mutation));
                case DEEP_JSON -> deep().getBytes(StandardCharsets.UTF_8);
                case BAD_UTF8 -> badUtf8(Json.write(valid));
                case MALFORMED_JSON -> {
                    String json = Json.write(valid);
                    yield json.substring(0, Math.max(1, random.nextInt(json.length())))
                            .getBytes(StandardCharsets.UTF_8);
                }
                case NO_BODY -> null;
                default -> bytes(valid);
            };
            if (mutation == Mutation.WRONG_CONTENT_TYPE) {
                contentType = pick(WRONG_CONTENT_TYPES);
            } else if (mutation == Mutation.NO_BODY) {
                contentType = random.nextBoolean() ? contentType : null;
            }
        } else if (mutation == Mutation.DEEP_JSON || mutation == Mutation.BAD_UTF8) {
            // an unexpected body on a bodyless operation
            contentType = "application/json";
            body = mutation == Mutation.DEEP_JSON ? deep().getBytes(StandardCharsets.UTF_8) : badUtf8("{\"a\": \"b\"}");
        }
        return new Request(operation, mutation, path.toString(), headers, contentType, body);
    }

    private String pathValue(String name, Map<String, Object> schema, boolean read, String template) {
        boolean attempt = template.endsWith("/attempts");
        List<String> real = realIds.getOrDefault(name, List.of());
        if ((read || attempt) && !real.isEmpty() && random.nextInt(3) > 0) {
            return pick(real);
        }
        if (name.equals("user")) {
            return pick(List.of("ada", "root", "fuzz-admin-0", "nobody"));
        }
        // writes name only the fuzz's own ids: never the seeded notes
        return "fuzz-" + Integer.toString(random.nextInt(1 << 20), 36);
    }

    /** A value that fits the schema (as far as a generator without regular expressions can). */
    @SuppressWarnings("unchecked")
    private Object value(OpenApi.Operation operation, Map<String, Object> raw, int depth) {
        Map<String, Object> schema = operation.resolve(raw);
        if (schema.get("enum") instanceof List<?> values && !values.isEmpty()) {
            return values.get(random.nextInt(values.size()));
        }
        if (schema.get("example") != null && random.nextInt(4) == 0) {
            return schema.get("example");
        }
        String type = type(schema);
        return switch (type) {
            case "integer", "number" -> {
                long min = number(schema.get("minimum"), 0);
                long max = number(schema.get("maximum"), min + 50);
                yield min + (long) (random.nextDouble() * (max - min + 1));
            }
            case "boolean" -> random.nextBoolean();
            case "array" -> {
                List<Object> items = new ArrayList<>();
                int count = (int) Math.max(number(schema.get("minItems"), 1), 1 + random.nextInt(3));
                count = (int) Math.min(count, number(schema.get("maxItems"), count));
                Map<String, Object> itemSchema = (Map<String, Object>) schema.getOrDefault("items", Map.of());
                for (int i = 0; i < count && depth < 6; i++) {
                    items.add(value(operation, itemSchema, depth + 1));
                }
                yield items;
            }
            case "object" -> {
                Map<String, Object> object = new LinkedHashMap<>();
                List<Object> required = (List<Object>) schema.getOrDefault("required", List.of());
                Map<String, Object> properties = (Map<String, Object>) schema.getOrDefault("properties", Map.of());
                properties.forEach((name, property) -> {
                    if (depth < 6 && (required.contains(name) || random.nextInt(3) > 0)) {
                        object.put(name, value(operation, (Map<String, Object>) property, depth + 1));
                    }
                });
                if (schema.get("additionalProperties") instanceof Map<?, ?> additional && depth < 6) {
                    for (int i = 1 + random.nextInt(3); i > 0; i--) {
                        object.put("q" + i, value(operation, (Map<String, Object>) additional, depth + 1));
                    }
                }
                yield object;
            }
            default -> {
                long minLength = number(schema.get("minLength"), 1);
                long maxLength = number(schema.get("maxLength"), 40);
                String text = "fuzz-" + Long.toString(random.nextLong() & Long.MAX_VALUE, 36);
                while (text.length() < minLength) {
                    text += "-" + Integer.toString(random.nextInt(1 << 20), 36);
                }
                yield text.substring(0, (int) Math.min(text.length(), Math.max(minLength, Math.min(maxLength, 60))));
            }
        };
    }

    @SuppressWarnings("unchecked")
    private Object mutate(Object valid, Mutation mutation) {
        if (!(valid instanceof Map<?, ?> map) || map.isEmpty()) {
            return switch (mutation) {
                case WRONG_TYPE -> random.nextBoolean() ? 42 : List.of("x");
                case HUGE_STRING -> "x".repeat(huge());
                case NULL_FIELD -> null;
                default -> valid;
            };
        }
        Map<String, Object> object = new LinkedHashMap<>((Map<String, Object>) map);
        // a field of the top level, or of an object one level down
        Map<String, Object> target = object;
        List<String> names = new ArrayList<>(object.keySet());
        String name = pick(names);
        if (object.get(name) instanceof List<?> list
                && !list.isEmpty()
                && list.getFirst() instanceof Map<?, ?>
                && random.nextBoolean()) {
            Map<String, Object> inner = new LinkedHashMap<>((Map<String, Object>) list.getFirst());
            List<Object> copy = new ArrayList<>(list);
            copy.set(0, inner);
            object.put(name, copy);
            if (!inner.isEmpty()) {
                target = inner;
                name = pick(new ArrayList<>(inner.keySet()));
            }
        }
        switch (mutation) {
            case MISSING_FIELD -> target.remove(name);
            case EXTRA_FIELD -> target.put("fuzz" + random.nextInt(1000), pick(List.of(1, "x", List.of(), Map.of())));
            case WRONG_TYPE -> target.put(name, wrongType(target.get(name)));
            case NULL_FIELD -> target.put(name, null);
            case HUGE_STRING -> target.put(name, "x".repeat(huge()));
            default -> {}
        }
        return object;
    }

    private Object wrongType(Object value) {
        if (value instanceof String) {
            return pick(List.of(7, true, List.of("a"), Map.of("a", 1)));
        }
        if (value instanceof Number) {
            return pick(List.of("seven", true, 1.5e300, List.of(1)));
        }
        if (value instanceof List<?>) {
            return pick(List.of("list", 3, Map.of("a", "b")));
        }
        if (value instanceof Map<?, ?>) {
            return pick(List.of("map", 4, List.of("a")));
        }
        return "not-a-" + value;
    }

    /** Just under and over the gateway's 256 KB body limit, or merely large. */
    private int huge() {
        return pick(List.of(10_000, 100_000, 250_000, 300_000));
    }

    private String deep() {
        int depth = pick(List.of(600, 2_000, 20_000));
        return random.nextBoolean()
                ? "[".repeat(depth) + "]".repeat(depth)
                : "{\"a\":".repeat(depth) + "1" + "}".repeat(depth);
    }

    private byte[] badUtf8(String json) {
        byte[] valid = json.getBytes(StandardCharsets.UTF_8);
        byte[][] bad = {{(byte) 0xC3, 0x28}, {(byte) 0xFF}, {(byte) 0xED, (byte) 0xA0, (byte) 0x80}, {(byte) 0xF8}};
        byte[] insert = bad[random.nextInt(bad.length)];
        // inside the first string value when there is one, else anywhere
        int at = json.indexOf(": \"");
        at = at < 0
                ? random.nextInt(valid.length + 1)
                : json.substring(0, at + 3).getBytes(StandardCharsets.UTF_8).length;
        byte[] result = new byte[valid.length + insert.length];
        System.arraycopy(valid, 0, result, 0, at);
        System.arraycopy(insert, 0, result, at, insert.length);
        System.arraycopy(valid, at, result, at + insert.length, valid.length - at);
        return result;
    }

    private static byte[] bytes(Object value) {
        return Json.write(value).getBytes(StandardCharsets.UTF_8);
    }

    private static String type(Map<String, Object> schema) {
        Object type = schema.get("type");
        if (type instanceof List<?> types) {
            return types.stream()
                    .map(String::valueOf)
                    .filter(t -> !t.equals("null"))
                    .findFirst()
                    .orElse("string");
        }
        if (type == null) {
            return schema.containsKey("properties") ? "object" : schema.containsKey("items") ? "array" : "string";
        }
        return (String) type;
    }

    private static long number(Object value, long fallback) {
        return value instanceof Number n ? n.longValue() : fallback;
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private <T> T pick(List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** JSON text of maps, lists, strings, numbers, booleans and null. */
    static final class Json {

        private Json() {}

        static String write(Object value) {
            StringBuilder out = new StringBuilder();
            write(value, out);
            return out.toString();
        }

        private static void write(Object value, StringBuilder out) {
            switch (value) {
                case null -> out.append("null");
                case Map<?, ?> map -> {
                    out.append('{');
                    boolean first = true;
                    for (var entry : map.entrySet()) {
                        if (!first) {
                            out.append(", ");
                        }
                        first = false;
                        write(String.valueOf(entry.getKey()), out);
                        out.append(": ");
                        write(entry.getValue(), out);
                    }
                    out.append('}');
                }
                case List<?> list -> {
                    out.append('[');
                    for (int i = 0; i < list.size(); i++) {
                        if (i > 0) {
                            out.append(", ");
                        }
                        write(list.get(i), out);
                    }
                    out.append(']');
                }
                case String text -> {
                    out.append('"');
                    for (char c : text.toCharArray()) {
                        switch (c) {
                            case '"' -> out.append("\\\"");
                            case '\\' -> out.append("\\\\");
                            case '\n' -> out.append("\\n");
                            default -> {
                                if (c < 0x20) {
                                    out.append("\\u%04x".formatted((int) c));
                                } else {
                                    out.append(c);
                                }
                            }
                        }
                    }
                    out.append('"');
                }
                default -> out.append(value);
            }
        }
    }
}
