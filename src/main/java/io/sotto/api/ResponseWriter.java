package io.sotto.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;

/** Writes an {@link ApiResponse} with its length and keep-alive headers, and closes when asked. */
final class ResponseWriter {
    private ResponseWriter() {
    }

    /**
     * Writes from {@code ctx}'s position in the pipeline (the encoder releases the response).
     *
     * @param keepAlive false to send {@code Connection: close} and close once the response is out
     */
    static void write(ChannelHandlerContext ctx, HttpVersion version, ApiResponse answer, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(version, answer.status(),
                Unpooled.wrappedBuffer(answer.body()));
        HttpHeaders headers = response.headers();
        answer.headers().forEach(headers::set);
        headers.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        headers.setInt(HttpHeaderNames.CONTENT_LENGTH, answer.body().length);
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        written.addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }
}
