package io.learnscale.support;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Holds each response until its handler is done, so Tomcat sends it with a {@code Content-Length} in one write
 * instead of chunks (the JSON writer flushes before the end: a second write for the last chunk). Every answer of
 * these services is small and whole; the gateway then reads each one in a single read and answers in a single
 * write (the gateway's {@code web/WholeResponses}).
 */
class WholeResponseFilter extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        var held = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, held);
        held.copyBodyToResponse(); // sets Content-Length, unless the response is already committed
    }
}
