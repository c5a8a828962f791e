package io.sotto.api;

import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/** The Netty transport HTTP runs on: native epoll, as media does, or NIO where epoll cannot load. */
enum HttpTransport {
    EPOLL {
        @Override
        EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
            return new EpollEventLoopGroup(threads, threadFactory);
        }

        @Override
        Class<? extends ServerSocketChannel> serverChannelClass() {
            return EpollServerSocketChannel.class;
        }
    },
    NIO {
        @Override
        EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
            return new NioEventLoopGroup(threads, threadFactory);
        }

        @Override
        Class<? extends ServerSocketChannel> serverChannelClass() {
            return NioServerSocketChannel.class;
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(HttpTransport.class);

    abstract EventLoopGroup newGroup(int threads, ThreadFactory threadFactory);

    abstract Class<? extends ServerSocketChannel> serverChannelClass();

    /** Epoll if it loads. The media relay already warns when it does not; HTTP works as well on NIO. */
    static HttpTransport preferred() {
        return Preferred.TRANSPORT;
    }

    private static final class Preferred {
        static final HttpTransport TRANSPORT = select();

        private static HttpTransport select() {
            if (Epoll.isAvailable()) {
                return EPOLL;
            }
            LOG.debug("Native epoll is unavailable, serving HTTP over Java NIO: {}",
                    String.valueOf(Epoll.unavailabilityCause()));
            return NIO;
        }
    }
}
