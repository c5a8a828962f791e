package io.sotto.media;

import java.net.InetAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;

/**
 * Binds a session side's RTP and RTCP channels on a free port pair, and gives the pair back to the
 * {@link PortAllocator} once both channels are closed, whichever way they close.
 */
final class DatagramPortBinder {
    /** Enough for a few hundred milliseconds of a busy call's bursts without loss. */
    private static final int SOCKET_BUFFER_BYTES = 256 * 1024;
    /** Larger than any datagram on an Ethernet path; RTP is never fragmented in practice. */
    private static final int RECEIVE_BUFFER_BYTES = 2048;
    private static final long BIND_TIMEOUT_MILLIS = 5_000;

    private final InetAddress address;
    private final PortAllocator ports;
    private final Bootstrap template;
    private final AtomicInteger portsBound = new AtomicInteger();

    DatagramPortBinder(InetAddress address, PortAllocator ports, MediaTransport transport) {
        this.address = address;
        this.ports = ports;
        this.template = new Bootstrap()
                .channel(transport.channelClass())
                .option(ChannelOption.ALLOCATOR, PooledByteBufAllocator.DEFAULT)
                .option(ChannelOption.RCVBUF_ALLOCATOR, new FixedRecvByteBufAllocator(RECEIVE_BUFFER_BYTES))
                .option(ChannelOption.SO_RCVBUF, SOCKET_BUFFER_BYTES)
                .option(ChannelOption.SO_SNDBUF, SOCKET_BUFFER_BYTES)
                // Writable after disconnect() too, i.e. when a re-INVITE drops the latch.
                .option(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true);
    }

    /**
     * Binds an RTP channel with a handler from {@code rtpHandler} and an RTCP channel above it, on
     * {@code loop}. A pair another process holds is skipped. Blocks until bound: not for media
     * threads.
     */
    BoundPair bind(EventLoop loop, Supplier<ChannelHandler> rtpHandler,
                   Supplier<ChannelHandler> rtcpHandler) throws MediaException {
        Throwable lastFailure = null;
        for (int attempt = 0; attempt < ports.pairCount(); attempt++) {
            int port = ports.acquire();
            if (port < 0) {
                break;
            }
            PairRelease release = new PairRelease(port);
            ChannelFuture rtp = bindOne(loop, port, rtpHandler.get(), release);
            if (!rtp.isSuccess()) {
                lastFailure = rtp.cause();
                ports.release(port);
                continue;
            }
            ChannelFuture rtcp = bindOne(loop, port + 1, rtcpHandler.get(), release);
            if (!rtcp.isSuccess()) {
                lastFailure = rtcp.cause();
                rtp.channel().close();
                continue;
            }
            return new BoundPair(port, rtp.channel(), rtcp.channel(), release.released);
        }
        throw new MediaException("no free RTP ports in " + ports.describe(), lastFailure);
    }

    int portsBound() {
        return portsBound.get();
    }

    private ChannelFuture bindOne(EventLoop loop, int port, ChannelHandler handler, PairRelease release) {
        ChannelFuture bound = template.clone(loop).handler(handler).bind(address, port);
        if (!bound.awaitUninterruptibly(BIND_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS)) {
            bound.channel().close();
            return bound.channel().newFailedFuture(
                    new MediaException("binding UDP " + address.getHostAddress() + ":" + port + " timed out"));
        }
        if (bound.isSuccess()) {
            portsBound.incrementAndGet();
            release.opened();
            bound.channel().closeFuture().addListener(release);
        }
        return bound;
    }

    /** Returns the pair to the allocator when the last of its bound channels has closed. */
    private final class PairRelease implements ChannelFutureListener {
        private final int port;
        private final AtomicInteger open = new AtomicInteger();
        private final CountDownLatch released = new CountDownLatch(1);

        PairRelease(int port) {
            this.port = port;
        }

        void opened() {
            open.incrementAndGet();
        }

        @Override
        public void operationComplete(ChannelFuture closed) {
            portsBound.decrementAndGet();
            if (open.decrementAndGet() == 0) {
                ports.release(port);
                released.countDown();
            }
        }
    }
}
