package io.learnscale.gateway.web;

import java.net.URI;

/** Stable problem {@code type} URIs, the same as the services use: clients may switch on them. */
final class ProblemTypes {

    private ProblemTypes() {}

    static URI of(String name) {
        return URI.create("urn:learnscale:problem:" + name);
    }

    static URI forStatus(int status) {
        return of(
                switch (status) {
                    case 400 -> "bad-request";
                    case 401 -> "unauthorized";
                    case 403 -> "forbidden";
                    case 404 -> "not-found";
                    case 405 -> "method-not-allowed";
                    case 406 -> "not-acceptable";
                    case 409 -> "conflict";
                    case 412 -> "precondition-failed";
                    case 413 -> "payload-too-large";
                    case 414 -> "uri-too-long";
                    case 415 -> "unsupported-media-type";
                    case 422 -> "unprocessable";
                    case 429 -> "too-many-requests";
                    case 431 -> "header-fields-too-large";
                    case 502 -> "bad-gateway";
                    case 503 -> "unavailable";
                    case 504 -> "timeout";
                    default -> status >= 500 ? "internal" : "client-error";
                });
    }
}
