package io.sotto.api;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.DefaultFileRegion;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;

/** Writes an {@link ApiResponse} (a body, or a file from disk) with its length and keep-alive headers, and closes when asked. */
final class ResponseWriter {
    private ResponseWriter() {
    }

    /**
     * Writes from {@code ctx}'s position in the pipeline (the encoder releases the response).
     *
     * @param keepAlive false to send {@code Connection: close} and close once the response is out
     */
    static void write(ChannelHandlerContext ctx, HttpVersion version, ApiResponse answer, boolean keepAlive) {
        if (answer.file() != null) {
            writeFile(ctx, version, answer, keepAlive);
            return;
        }
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

    /**
     * Head, then the file's stretch as a {@link DefaultFileRegion} (released, and the file closed,
     * by Netty once written or failed), then the end; the stream permit is returned when the last
     * write completes either way, including when the client goes away in the middle.
     */
    private static void writeFile(ChannelHandlerContext ctx, HttpVersion version, ApiResponse answer,
                                  boolean keepAlive) {
        FileBody file = answer.file();
        if (!file.streams().tryAcquire()) {
            write(ctx, version, StreamPermits.refusal(), keepAlive);
            return;
        }
        DefaultHttpResponse head = new DefaultHttpResponse(version, answer.status());
        HttpHeaders headers = head.headers();
        answer.headers().forEach(headers::set);
        headers.set(HttpHeaderNames.CONTENT_TYPE, answer.contentType());
        headers.set(HttpHeaderNames.CONTENT_LENGTH, file.length());
        HttpUtil.setKeepAlive(head, keepAlive);
        ctx.write(head);
        if (file.length() > 0) {
            ctx.write(new DefaultFileRegion(file.path().toFile(), file.offset(), file.length()));
        }
        ChannelFuture written = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
        written.addListener(done -> file.streams().release());
        written.addListener(keepAlive ? ChannelFutureListener.CLOSE_ON_FAILURE : ChannelFutureListener.CLOSE);
    }
}
