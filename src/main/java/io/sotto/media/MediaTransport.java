package io.sotto.media;

import java.util.concurrent.ThreadFactory;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;

/**
 * The Netty transport RTP runs on: native epoll, or NIO where epoll cannot load. NIO works the
 * same but allocates a sender address for every packet read, latched or not.
 */
enum MediaTransport {
    EPOLL {
        @Override
        EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
            return new EpollEventLoopGroup(threads, threadFactory);
        }

        @Override
        Class<? extends DatagramChannel> channelClass() {
            return EpollDatagramChannel.class;
        }
    },
    NIO {
        @Override
        EventLoopGroup newGroup(int threads, ThreadFactory threadFactory) {
            return new NioEventLoopGroup(threads, threadFactory);
        }

        @Override
        Class<? extends DatagramChannel> channelClass() {
            return NioDatagramChannel.class;
        }
    };

    private static final Logger LOG = LoggerFactory.getLogger(MediaTransport.class);

    abstract EventLoopGroup newGroup(int threads, ThreadFactory threadFactory);

    abstract Class<? extends DatagramChannel> channelClass();

    /** Epoll if it loads; the reason it did not is logged once per process. */
    static MediaTransport preferred() {
        return Preferred.TRANSPORT;
    }

    private static final class Preferred {
        static final MediaTransport TRANSPORT = select();

        private static MediaTransport select() {
            if (Epoll.isAvailable()) {
                return EPOLL;
            }
            LOG.warn("Native epoll is unavailable, relaying RTP over Java NIO (slower, allocates per "
                    + "packet): {}", String.valueOf(Epoll.unavailabilityCause()));
            return NIO;
        }
    }
}
