package io.learnscale.support;

/**
 * Who this process is: the same value goes into {@code X-Served-By}, the metric tag {@code instance} and
 * every log line.
 */
public record InstanceIdentity(String id) {

    public static final String SERVED_BY_HEADER = "X-Served-By";
}
