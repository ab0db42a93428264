package io.learnscale.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import org.springframework.web.util.WebUtils;

/**
 * Holds each response until its handler is done, so Tomcat sends it with a {@code Content-Length} in one write
 * instead of chunks (the JSON writer flushes before the end: a second write for the last chunk). Every answer of
 * these services is small and whole; the gateway then reads each one in a single read and answers in a single
 * write (the gateway's {@code web/WholeResponses}).
 *
 * <p>An asynchronous handler's answer is written on the async dispatch: the response held at the start is found
 * again there and sent once that dispatch is done.
 */
class WholeResponseFilter extends OncePerRequestFilter {

    @Override
    protected boolean shouldNotFilterAsyncDispatch() {
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletResponse used = WebUtils.getNativeResponse(response, Held.class) != null
                ? response // the async dispatch of a request held before
                : new Held(response);
        // an exception leaves the held body behind: the container's error dispatch answers instead
        chain.doFilter(request, used);
        if (!isAsyncStarted(request)) {
            // sets Content-Length, unless the response is already committed
            WebUtils.getNativeResponse(used, Held.class).copyBodyToResponse();
        }
    }

    /** This filter's own wrapper, told apart from other filters' content caches (ShallowEtagHeaderFilter's). */
    private static final class Held extends ContentCachingResponseWrapper {

        Held(HttpServletResponse response) {
            super(response);
        }
    }
}
