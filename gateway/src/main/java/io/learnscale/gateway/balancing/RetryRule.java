package io.learnscale.gateway.balancing;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.server.reactive.ServerHttpRequest;

/**
 * Which requests may be sent a second time (DESIGN: Retry at the gateway): GET and HEAD, and a POST of a quiz
 * attempt ({@code /api/quizzes/{id}/attempts}) that carries an {@code Idempotency-Key}, which quiz-service
 * answers once however often it arrives. Every other write is never retried: it may have been carried out.
 * Plain string tests, no pattern matching, since every routed request asks.
 */
enum RetryRule {
    /** Sent once, whatever happens. */
    NEVER,
    /** A GET or HEAD without a body: may be sent again as it is. */
    WITHOUT_BODY,
    /** A keyed attempt: may be sent again once its body is held, so that it can be sent twice. */
    WITH_BODY;

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final String QUIZZES = "/api/quizzes/";
    private static final String ATTEMPTS = "/attempts";

    static RetryRule of(ServerHttpRequest request) {
        HttpMethod method = request.getMethod();
        HttpHeaders headers = request.getHeaders();
        if (HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method)) {
            return hasBody(headers) ? NEVER : WITHOUT_BODY;
        }
        if (HttpMethod.POST.equals(method) && isAttempt(request.getPath().value())) {
            String key = headers.getFirst(IDEMPOTENCY_KEY);
            return key != null && !key.isBlank() ? WITH_BODY : NEVER;
        }
        return NEVER;
    }

    /** {@code /api/quizzes/{id}/attempts}, with exactly one non-empty segment for the id. */
    static boolean isAttempt(String path) {
        if (!path.startsWith(QUIZZES) || !path.endsWith(ATTEMPTS)) {
            return false;
        }
        int idStart = QUIZZES.length();
        int idEnd = path.length() - ATTEMPTS.length();
        return idEnd > idStart && path.indexOf('/', idStart) == idEnd;
    }

    private static boolean hasBody(HttpHeaders headers) {
        return headers.getContentLength() > 0 || headers.containsHeader(HttpHeaders.TRANSFER_ENCODING);
    }
}
