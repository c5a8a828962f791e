package io.sotto.api;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;

/**
 * Netty's aggregator (a request's parts become one {@code FullHttpRequest}, its body at most
 * {@code maxBodyBytes}) whose refusal of a larger body is the API's JSON error (README, "HTTP") rather
 * than an empty {@code 413}. Releases the parts it aggregates, as {@link HttpObjectAggregator} does.
 */
final class BoundedBodyAggregator extends HttpObjectAggregator {
    private final int maxBodyBytes;

    BoundedBodyAggregator(int maxBodyBytes) {
        super(maxBodyBytes);
        this.maxBodyBytes = maxBodyBytes;
    }

    /** 413, then close: the rest of the body may be on its way and must not be read as a request. */
    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        ResponseWriter.write(ctx, HttpVersion.HTTP_1_1, ApiResponse.error(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE,
                "payload_too_large", "The request body is larger than " + maxBodyBytes + " bytes."), false);
    }
}
