package io.sotto.api;

import java.util.concurrent.TimeUnit;

import io.netty.channel.ChannelInitializer;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;

/**
 * Builds an HTTP connection's pipeline: idle timer → HTTP/1.1 codec (request line at most 4096
 * bytes, headers 8192) → aggregator (body at most {@link #MAX_BODY_BYTES}) → {@link HttpApiHandler}.
 */
final class HttpApiInitializer extends ChannelInitializer<SocketChannel> {
    /** REST bodies are small JSON objects ({@code {"reason": "..."}}). */
    static final int MAX_BODY_BYTES = 64 * 1024;
    /** A keep-alive connection with no byte either way for this long is closed. */
    static final int IDLE_SECONDS = 60;

    private final HttpApiHandler handler;

    HttpApiInitializer(RouteTable routes) {
        this.handler = new HttpApiHandler(routes);
    }

    @Override
    protected void initChannel(SocketChannel channel) {
        channel.pipeline()
                .addLast("idle", new IdleStateHandler(0, 0, IDLE_SECONDS, TimeUnit.SECONDS))
                .addLast("codec", new HttpServerCodec())
                .addLast("aggregator", new BoundedBodyAggregator(MAX_BODY_BYTES))
                .addLast("api", handler);
    }
}
