package io.learnscale.gateway.web;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.channel.socket.DuplexChannel;
import io.netty.handler.codec.DecoderResultProvider;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpContent;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.util.ReferenceCountUtil;
import java.net.URI;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.boot.reactor.netty.NettyServerCustomizer;
import org.springframework.boot.reactor.netty.autoconfigure.NettyServerProperties;
import org.springframework.boot.web.server.autoconfigure.ServerProperties;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.Encoder;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.codec.EncoderHttpMessageWriter;
import org.springframework.http.codec.ServerCodecConfigurer;
import org.springframework.stereotype.Component;
import org.springframework.util.unit.DataSize;
import reactor.netty.NettyPipeline;
import reactor.netty.http.server.HttpServer;

/**
 * What the gateway does to each HTTP/1.1 connection below Spring, in a handler right after Reactor Netty's HTTP codec.
 *
 * <ul>
 *   <li>Requests Netty's HTTP decoder refuses before any of the gateway's code runs: a request line over
 *       {@code server.netty.max-initial-line-length} (414), a header block over
 *       {@code server.max-http-request-header-size} (431), anything else that is not HTTP/1.1 (400: a garbled
 *       request line, an invalid header name or value, a bad {@code Content-Length}, broken chunking). Reactor
 *       Netty would answer these with a bare status; here they get problem+json like every other gateway error (the
 *       status's type, a detail, the request id in {@code X-Request-Id} and the body, the security headers), and
 *       the connection is closed: the decoder discards whatever else arrives on it.
 *   <li>Every request gets its request id here (the caller's when sane), so such a problem carries the id of a
 *       request already being handled.
 *   <li>Once every request on the connection is answered, the next one is read (Reactor Netty 1.3.6 sometimes
 *       does not, reactor-netty#4361), so a keep-alive connection does not stall there.
 *   <li>A connection closed after a response lingers: the gateway closes its side, drops what the client still
 *       sends and closes when the client does, so a client still sending a refused body reads its answer instead
 *       of a reset.
 * </ul>
 */
@Component
class EdgeConnections implements NettyServerCustomizer {

    private static final Logger log = LoggerFactory.getLogger(EdgeConnections.class);
    private static final Logger access = LoggerFactory.getLogger("io.learnscale.gateway.access");

    static final String HANDLER_NAME = "learnscale.edgeConnections";

    /** The longest a connection being closed waits for the client to stop sending. */
    static final Duration LINGER = Duration.ofSeconds(2);

    private final SecurityHeaders securityHeaders;
    private final Encoder<ProblemDetail> encoder;
    private final String lineLimit;
    private final String headerLimit;

    EdgeConnections(
            SecurityHeaders securityHeaders,
            ServerCodecConfigurer codecs,
            NettyServerProperties netty,
            ServerProperties server) {
        this.securityHeaders = securityHeaders;
        this.encoder = problemEncoder(codecs);
        this.lineLimit = describe(netty.getMaxInitialLineLength());
        this.headerLimit = describe(server.getMaxHttpRequestHeaderSize());
    }

    @Override
    public HttpServer apply(HttpServer server) {
        return server.doOnChannelInit((observer, channel, remoteAddress) -> {
            // HTTP/1.1 only: an h2c or HTTP/2 pipeline has no such codec (and decodes frames, not lines)
            if (channel.pipeline().get(NettyPipeline.HttpCodec) != null) {
                channel.pipeline().addAfter(NettyPipeline.HttpCodec, HANDLER_NAME, new Handler());
            }
        });
    }

    /**
     * The problem response for a request the decoder refused, with {@code Connection: close}.
     *
     * @param refused the request, or the placeholder the decoder made for a request line it could not read
     * @param inBody whether the request was read and its body was not (a chunk that is not HTTP chunking)
     */
    private FullHttpResponse problem(HttpRequest refused, Throwable cause, boolean inBody) {
        HttpStatus status;
        String detail;
        if (!inBody && cause instanceof TooLongHttpLineException) {
            status = HttpStatus.URI_TOO_LONG;
            detail = "The request line is longer than the " + lineLimit + " the gateway accepts.";
        } else if (!inBody && cause instanceof TooLongHttpHeaderException) {
            status = HttpStatus.REQUEST_HEADER_FIELDS_TOO_LARGE;
            detail = "The request's header fields are larger than the " + headerLimit + " the gateway accepts.";
        } else {
            status = HttpStatus.BAD_REQUEST;
            detail = "The request is not valid HTTP/1.1: its request line, a header or its framing is malformed.";
        }
        // a request line the decoder could not read comes as its placeholder, a full request for "/bad-request"
        boolean lineRead = !(refused instanceof FullHttpRequest);
        String requestId = RequestIds.takeOrMake(lineRead ? refused.headers().get(RequestIds.HEADER) : null);
        String path = lineRead ? path(refused.uri()) : null;

        ProblemDetail body = ProblemDetail.forStatusAndDetail(status, detail);
        body.setType(ProblemTypes.forStatus(status.value()));
        if (path != null) {
            body.setInstance(URI.create(path));
        }
        body.setProperty("requestId", requestId);
        byte[] json = encode(body);

        FullHttpResponse response = new DefaultFullHttpResponse(
                HttpVersion.HTTP_1_1, HttpResponseStatus.valueOf(status.value()), Unpooled.wrappedBuffer(json));
        HttpHeaders headers = new HttpHeaders();
        securityHeaders.applyTo(headers);
        headers.forEach((name, values) -> response.headers().set(name, values));
        response.headers()
                .set(RequestIds.HEADER, requestId)
                .set(HttpHeaderNames.CONTENT_TYPE, MediaType.APPLICATION_PROBLEM_JSON_VALUE)
                .setInt(HttpHeaderNames.CONTENT_LENGTH, json.length)
                .set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);

        try (var ignored = MDC.putCloseable(RequestIds.MDC_KEY, requestId)) {
            log.debug("Refused by the HTTP decoder: {}", cause.toString());
            if (!inBody) { // a request whose body fails was dispatched: its own access line follows
                access.info(
                        "{} {} status={} latency=0ms route=- upstream=-",
                        lineRead ? refused.method().name() : "-",
                        path != null ? path : "-",
                        status.value());
            }
        }
        return response;
    }

    private byte[] encode(ProblemDetail body) {
        DataBuffer buffer = encoder.encodeValue(
                body,
                DefaultDataBufferFactory.sharedInstance,
                ResolvableType.forInstance(body),
                MediaType.APPLICATION_PROBLEM_JSON,
                Map.of());
        try {
            byte[] bytes = new byte[buffer.readableByteCount()];
            buffer.read(bytes);
            return bytes;
        } finally {
            DataBufferUtils.release(buffer);
        }
    }

    /** The encoder every other problem of the gateway is written with, so this one reads the same. */
    @SuppressWarnings("unchecked")
    private static Encoder<ProblemDetail> problemEncoder(ServerCodecConfigurer codecs) {
        ResolvableType type = ResolvableType.forClass(ProblemDetail.class);
        return codecs.getWriters().stream()
                .filter(writer -> writer instanceof EncoderHttpMessageWriter<?>
                        && writer.canWrite(type, MediaType.APPLICATION_PROBLEM_JSON))
                .map(writer -> (Encoder<ProblemDetail>) ((EncoderHttpMessageWriter<?>) writer).getEncoder())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("No encoder writes application/problem+json"));
    }

    /** The path of a request target, as {@code instance}; none when it is not a URI. */
    private static @Nullable String path(String target) {
        try {
            String path = URI.create(target).getRawPath();
            return path == null || path.isEmpty() ? null : path;
        } catch (IllegalArgumentException notAUri) {
            return null;
        }
    }

    private static String describe(DataSize size) {
        long bytes = size.toBytes();
        return bytes % 1024 == 0 ? bytes / 1024 + " KB" : bytes + " bytes";
    }

    /**
     * One per connection. It gives every request a request id before the gateway sees it (the caller's when
     * sane), so a problem written here for a request already being handled carries that request's id. A refused
     * request that follows others still being answered (pipelining) waits until their responses are written, so
     * answers stay in order; a body whose chunking breaks once its response has started can only be cut off.
     */
    private final class Handler extends ChannelDuplexHandler {

        private @Nullable HttpRequest last;
        private int requests;
        private int responsesStarted;
        private int responsesEnded;
        private boolean informational;

        private @Nullable FullHttpResponse deferred;
        /** How many responses must have ended before the deferred one goes out. */
        private int deferredAfter;

        private boolean answered;

        /** A response said {@code Connection: close}: the close that follows lingers. */
        private boolean closing;

        private boolean lingering;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            if (answered) {
                ReferenceCountUtil.release(msg);
                return;
            }
            if (msg instanceof HttpRequest request && request.decoderResult().isFailure()) {
                refuse(ctx, msg, request, false, requests);
                return;
            }
            if (msg instanceof HttpRequest request) {
                request.headers()
                        .set(
                                RequestIds.HEADER,
                                RequestIds.takeOrMake(request.headers().get(RequestIds.HEADER)));
                last = request;
                requests++;
            } else if (msg instanceof HttpContent content
                    && content.decoderResult().isFailure()
                    && last != null) {
                if (responsesStarted < requests) {
                    refuse(ctx, msg, last, true, requests - 1);
                } else {
                    ReferenceCountUtil.release(msg);
                    ctx.close();
                }
                return;
            }
            ctx.fireChannelRead(msg);
        }

        private void refuse(
                ChannelHandlerContext ctx, Object msg, HttpRequest request, boolean inBody, int afterResponses) {
            FullHttpResponse response;
            try {
                response = problem(
                        request,
                        msg instanceof DecoderResultProvider failed
                                ? failed.decoderResult().cause()
                                : new IllegalStateException("undecodable"),
                        inBody);
            } finally {
                ReferenceCountUtil.release(msg);
            }
            if (responsesEnded >= afterResponses) {
                answer(ctx, response);
            } else if (deferred == null) {
                deferred = response;
                deferredAfter = afterResponses;
            } else {
                response.release();
            }
        }

        private void answer(ChannelHandlerContext ctx, FullHttpResponse response) {
            answered = true;
            closing = true;
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
        }

        /**
         * After a response that closes the connection, the client may still be sending (the rest of a body refused
         * by its length, of a header block over the limit): closed at once with those bytes unread, the connection
         * is reset and the client can lose the response it was sent. So the gateway closes its side only, reads and
         * drops what still comes, and closes when the client does or after {@link #LINGER}.
         */
        @Override
        public void close(ChannelHandlerContext ctx, ChannelPromise promise) {
            if (!closing
                    || lingering
                    || !ctx.channel().isActive()
                    || !(ctx.channel() instanceof DuplexChannel duplex)) {
                ctx.close(promise);
                return;
            }
            lingering = true;
            answered = true;
            duplex.shutdownOutput().addListener(shut -> {
                ctx.channel().config().setAutoRead(true);
                ctx.read();
            });
            ctx.executor().schedule(() -> ctx.close(promise), LINGER.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
            if (answered) {
                // the gateway still answering a request whose body broke: this connection has had its answer
                ReferenceCountUtil.release(msg);
                promise.tryFailure(new ClosedChannelException());
                return;
            }
            if (msg instanceof HttpResponse response) {
                closing |= !HttpUtil.isKeepAlive(response);
                informational = response.status().codeClass() == HttpStatusClass.INFORMATIONAL;
                if (!informational) {
                    responsesStarted++;
                }
            }
            boolean ends = msg instanceof LastHttpContent && !informational;
            ctx.write(msg, promise);
            if (ends) {
                responsesEnded++;
                if (deferred != null && responsesEnded >= deferredAfter) {
                    FullHttpResponse response = deferred;
                    deferred = null;
                    answer(ctx, response);
                } else if (responsesEnded == requests) {
                    // every request answered: read the next one. Reactor Netty 1.3.6 does not when its queue of
                    // early requests drains without a request in it (reactor-netty#4361, fixed in 1.3.8), and the
                    // connection then stalls until the client gives up; a second read request is harmless
                    ctx.read();
                }
            }
        }

        @Override
        public void handlerRemoved(ChannelHandlerContext ctx) {
            if (deferred != null) {
                deferred.release();
                deferred = null;
            }
        }
    }
}
