package io.learnscale.search.index;

/**
 * This instance's index has not caught up with {@code content.topics} yet; the balancer does not send it traffic
 * (readiness), and a caller that reaches it anyway is told to come back rather than given partial results.
 */
public class IndexNotReadyException extends RuntimeException {

    IndexNotReadyException() {
        super("The search index of this instance is still catching up; try again shortly.");
    }
}
