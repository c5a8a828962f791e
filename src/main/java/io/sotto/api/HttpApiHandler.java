package io.sotto.api;

import java.io.IOException;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.netty.handler.timeout.IdleStateEvent;

/**
 * Answers each whole request from the {@link RouteTable}: {@code 404} for a path no route has,
 * {@code 405} with {@code Allow} for a method its routes lack, {@code 400} for a request that could
 * not be parsed, {@code 500} if an endpoint throws or its answer fails, {@code 503} if its answer
 * does not come within {@link #ASYNC_TIMEOUT_SECONDS} or what it needs is down or full, all as the
 * API's JSON error (README, "HTTP"). Keeps the connection open as the request asks (HTTP/1.1 by
 * default, HTTP/1.0 with {@code Connection: keep-alive}); closes it after a request it could not
 * parse and when it has been idle. No exception leaves this handler.
 *
 * <p>Releases every request it receives ({@link SimpleChannelInboundHandler}); the response it
 * writes is released by the encoder. Stateless: one instance serves every connection.
 */
@ChannelHandler.Sharable
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);

    /** How long an async endpoint may take before the client gets 503. */
    static final int ASYNC_TIMEOUT_SECONDS = 5;

    private final RouteTable routes;

    HttpApiHandler(RouteTable routes) {
        this.routes = routes;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (!request.decoderResult().isSuccess()) {
            // RFC 9112 §3: an invalid request line or header gets 400; the decoder discards
            // everything after it, so the connection is of no further use
            ResponseWriter.write(ctx, HttpVersion.HTTP_1_1, ApiResponse.error(HttpResponseStatus.BAD_REQUEST,
                    "bad_request", whyUnparsable(request.decoderResult().cause())), false);
            return;
        }
        HttpVersion version = request.protocolVersion();
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        Object answer = answer(ctx, request);
        if (answer instanceof ApiResponse response) {
            ResponseWriter.write(ctx, version, response, keepAlive);
        } else if (answer instanceof Deferred deferred) {
            answerLater(ctx, version, keepAlive, deferred);
        } else {
            stream(ctx, version, (Streamed) answer);
        }
    }

    /** An async endpoint's answer: reading pauses until it is written, so answers keep request order. */
    private record Deferred(ApiRequest request, AsyncApiEndpoint endpoint) {
    }

    private record Streamed(ApiRequest request, EventStreamEndpoint endpoint) {
    }

    private void answerLater(ChannelHandlerContext ctx, HttpVersion version, boolean keepAlive, Deferred deferred) {
        ctx.channel().config().setAutoRead(false);
        CompletableFuture<ApiResponse> answer;
        try {
            answer = deferred.endpoint().handleAsync(deferred.request()).toCompletableFuture();
        } catch (RuntimeException e) {
            answer = CompletableFuture.failedFuture(e);
        }
        answer.orTimeout(ASYNC_TIMEOUT_SECONDS, TimeUnit.SECONDS).whenComplete((response, failure) ->
                ctx.executor().execute(() -> {
                    ApiResponse out = failure == null ? response : failed(deferred.request(), failure);
                    ResponseWriter.write(ctx, version, out, keepAlive);
                    ctx.channel().config().setAutoRead(true);
                }));
    }

    /**
     * The answer to an async endpoint that failed: {@code 503} when it ran out of time or a
     * resource behind it is down or full (the client may retry), {@code 500} for anything else,
     * a bug, logged here with its stack trace since nothing before this logged it.
     */
    private static ApiResponse failed(ApiRequest request, Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof TimeoutException) {
            LOG.warn("HTTP {} {}: no answer within {} s", request.method(), request.path(), ASYNC_TIMEOUT_SECONDS);
            return ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "The server could not answer in time; try again.");
        }
        if (cause instanceof RejectedExecutionException || cause instanceof SQLException || cause instanceof IOException) {
            LOG.warn("HTTP {} {} failed: {}", request.method(), request.path(), cause.toString());
            return ApiResponse.error(HttpResponseStatus.SERVICE_UNAVAILABLE, "unavailable",
                    "The server cannot answer this request now; try again.");
        }
        LOG.error("HTTP {} {} failed", request.method(), request.path(), cause);
        return ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                "The server failed to answer this request; its log has the cause.");
    }

    private void stream(ChannelHandlerContext ctx, HttpVersion version, Streamed streamed) {
        EventStream stream = new EventStream(ctx.channel());
        Optional<ApiResponse> refusal;
        try {
            refusal = streamed.endpoint().open(streamed.request(), stream);
        } catch (RuntimeException e) {
            LOG.warn("HTTP event stream {} failed", streamed.request().path(), e);
            refusal = Optional.of(ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                    "The server failed to answer this request; its log has the cause."));
        }
        if (refusal.isPresent()) {
            ResponseWriter.write(ctx, version, refusal.get(), true);
            return;
        }
        DefaultHttpResponse head = new DefaultHttpResponse(version, HttpResponseStatus.OK);
        head.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        head.headers().set(HttpHeaderNames.CACHE_CONTROL, "no-cache");
        HttpUtil.setTransferEncodingChunked(head, true);
        ctx.writeAndFlush(head);
        stream.started();
    }

    private Object answer(ChannelHandlerContext ctx, FullHttpRequest request) {
        QueryStringDecoder uri = new QueryStringDecoder(request.uri());
        String path = uri.rawPath();
        RouteMatch match;
        Map<String, List<String>> query;
        try {
            match = routes.match(request.method(), path);
            query = uri.parameters();
        } catch (IllegalArgumentException e) {
            return ApiResponse.error(HttpResponseStatus.BAD_REQUEST, "bad_request",
                    "The request URI has a malformed percent-encoding.");
        }
        if (match instanceof RouteMatch.MethodNotAllowed notAllowed) {
            String allow = notAllowed.allowed().stream().map(Object::toString).collect(Collectors.joining(", "));
            return ApiResponse.error(HttpResponseStatus.METHOD_NOT_ALLOWED, "method_not_allowed",
                    request.method() + " is not allowed on " + path + "; use " + allow + ".")
                    .withHeader(HttpHeaderNames.ALLOW.toString(), allow);
        }
        if (!(match instanceof RouteMatch.Found found)) {
            return ApiResponse.error(HttpResponseStatus.NOT_FOUND, "not_found", "Nothing is served at " + path + ".");
        }
        ApiRequest apiRequest = new ApiRequest(request.method(), path, found.pathParameters(), query,
                request.headers(), ByteBufUtil.getBytes(request.content()));
        if (found.endpoint() instanceof AsyncApiEndpoint async) {
            return new Deferred(apiRequest, async);
        }
        if (found.endpoint() instanceof EventStreamEndpoint events) {
            return new Streamed(apiRequest, events);
        }
        try {
            return found.endpoint().handle(apiRequest);
        } catch (RuntimeException e) {
            LOG.warn("HTTP {} {} from {} failed", request.method(), path, ctx.channel().remoteAddress(), e);
            return ApiResponse.error(HttpResponseStatus.INTERNAL_SERVER_ERROR, "internal_error",
                    "The server failed to answer this request; its log has the cause.");
        }
    }

    private static String whyUnparsable(Throwable cause) {
        if (cause instanceof TooLongHttpLineException) {
            return "The request line is too long.";
        }
        if (cause instanceof TooLongHttpHeaderException) {
            return "The request headers are too long.";
        }
        return "The request is not valid HTTP/1.1.";
    }

    /** An idle connection (no byte either way for {@link HttpApiInitializer#IDLE_SECONDS}) is closed. */
    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            ctx.close();
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    /** A reset or failed connection ends here, closed; other connections are not affected. */
    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        if (cause instanceof IOException) {
            LOG.debug("HTTP connection from {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
        } else {
            LOG.warn("HTTP connection from {} closed after an unexpected error", ctx.channel().remoteAddress(), cause);
        }
        ctx.close();
    }
}
