package io.sotto.api;

import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;

import io.sotto.config.HostPort;

/**
 * The HTTP edge: an HTTP/1.1 server on {@code http.listen} answering from a {@link RouteTable}.
 *
 * <p><b>Threads.</b> Two Netty event loops ({@code sotto-http-N}, native epoll, NIO
 * only where epoll cannot load) accept connections and run the endpoints; an endpoint must not
 * block them. {@link #start} and {@link #close} block and must not be called on those threads.
 */
public final class HttpApi implements AutoCloseable {
    /** Scrapes and REST calls are few and short; two loops keep one slow client from holding up the rest. */
    private static final int THREADS = 2;
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;

    private final EventLoopGroup group;
    private final Channel server;
    private final AtomicBoolean closed = new AtomicBoolean();

    private HttpApi(EventLoopGroup group, Channel server) {
        this.group = group;
        this.server = server;
    }

    /**
     * Binds {@code listen} and serves {@code routes} until {@link #close()}. Port 0 takes a free
     * port; {@link #address()} tells which.
     *
     * @throws IllegalStateException naming {@code http.listen} and the address if it cannot be bound
     */
    public static HttpApi start(HostPort listen, RouteTable routes) {
        InetSocketAddress address = new InetSocketAddress(listen.host(), listen.port());
        if (address.isUnresolved()) {
            throw new IllegalStateException("cannot listen for HTTP on http.listen " + listen
                    + ": the host does not resolve");
        }
        HttpTransport transport = HttpTransport.preferred();
        EventLoopGroup group = transport.newGroup(THREADS, new HttpThreadFactory());
        ChannelFuture bound = new ServerBootstrap()
                .group(group)
                .channel(transport.serverChannelClass())
                // lets a restart bind while the last run's connections are in TIME_WAIT; on Linux
                // it does not let two servers listen on one port
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new HttpApiInitializer(routes))
                .bind(address)
                .awaitUninterruptibly();
        if (!bound.isSuccess()) {
            shutDown(group);
            Throwable cause = bound.cause();
            throw new IllegalStateException("cannot listen for HTTP on http.listen " + listen + ": "
                    + (cause.getMessage() != null ? cause.getMessage() : cause.toString()), cause);
        }
        return new HttpApi(group, bound.channel());
    }

    /** The address bound: {@code http.listen}, with the port the system chose for port 0. */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.localAddress();
    }

    /** Stops listening, closes every connection and stops the event loops. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.close().awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        shutDown(group);
    }

    private static void shutDown(EventLoopGroup group) {
        group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)
                .awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
    }
}
