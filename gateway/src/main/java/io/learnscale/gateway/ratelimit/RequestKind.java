package io.learnscale.gateway.ratelimit;

import org.springframework.http.HttpMethod;

/** Which budget a request spends: reads (GET, HEAD, OPTIONS) or writes (every other method). */
enum RequestKind {
    READS("reads"),
    WRITES("writes");

    private final String label;
    private final String keyPrefix;

    RequestKind(String label) {
        this.label = label;
        this.keyPrefix = label + ":";
    }

    static RequestKind of(HttpMethod method) {
        return method == HttpMethod.GET || method == HttpMethod.HEAD || method == HttpMethod.OPTIONS ? READS : WRITES;
    }

    /** The limiter key of a client's bucket of this kind, e.g. {@code writes:user:ada}. */
    String key(String client) {
        return keyPrefix + client;
    }

    /** The kind a key made by {@link #key(String)} belongs to. */
    static RequestKind ofKey(String key) {
        return key.startsWith(WRITES.keyPrefix) ? WRITES : READS;
    }

    /** {@code reads} or {@code writes}: the metric tag, and the word in the 429's detail. */
    String label() {
        return label;
    }
}
