package io.sotto.api;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
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
 * not be parsed, {@code 500} if an endpoint throws, all as SPEC 10's JSON error. Keeps the
 * connection open as the request asks (HTTP/1.1 by default, HTTP/1.0 with
 * {@code Connection: keep-alive}); closes it after a request it could not parse and when it has
 * been idle. No exception leaves this handler.
 *
 * <p>Releases every request it receives ({@link SimpleChannelInboundHandler}); the response it
 * writes is released by the encoder. Stateless: one instance serves every connection.
 */
@ChannelHandler.Sharable
final class HttpApiHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(HttpApiHandler.class);

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
        ResponseWriter.write(ctx, request.protocolVersion(), answer(ctx, request), HttpUtil.isKeepAlive(request));
    }

    private ApiResponse answer(ChannelHandlerContext ctx, FullHttpRequest request) {
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
