package io.learnscale.support;

import java.util.UUID;
import java.util.regex.Pattern;

/** The request id rules shared by every app: take a sane one from the caller, otherwise make one. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    public static final String ATTRIBUTE = RequestIds.class.getName() + ".id";

    private static final Pattern ACCEPTED = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    private RequestIds() {}

    /** The caller's id when it is short and plain (it ends up in logs), a fresh one otherwise. */
    public static String takeOrMake(String offered) {
        return offered != null && ACCEPTED.matcher(offered).matches()
                ? offered
                : UUID.randomUUID().toString();
    }
}
