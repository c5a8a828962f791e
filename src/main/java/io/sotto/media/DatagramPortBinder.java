package io.sotto.media;

import java.net.InetAddress;
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
 * {@link PortAllocator} once both channels are closed, whichever way they close: a pair whose
 * channels are still closing is not handed out again.
 *
 * <p>Nothing here waits. {@link #bind} starts the binds and returns; each step goes on in a
 * listener on the event loop when the previous one completes, and the outcome is reported to a
 * {@link PairBinding} on that loop.
 */
final class DatagramPortBinder {
    /** Enough for a few hundred milliseconds of a busy call's bursts without loss. */
    private static final int SOCKET_BUFFER_BYTES = 256 * 1024;
    /** Larger than any datagram on an Ethernet path; RTP is never fragmented in practice. */
    private static final int RECEIVE_BUFFER_BYTES = 2048;

    private final InetAddress address;
    private final PortAllocator ports;
    private final Bootstrap template;
    private final AtomicInteger portsBound = new AtomicInteger();

    /** How one pair's binding went; called on the pair's event loop. */
    interface PairBinding {
        void bound(BoundPair pair);

        void failed(MediaException cause);
    }

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
     * Starts binding an RTP channel with a handler from {@code rtpHandler} and an RTCP channel
     * above it, on {@code loop}; returns at once. A pair another process holds is skipped for the
     * next free one. {@code then} hears the outcome on {@code loop}.
     */
    void bind(EventLoop loop, Supplier<ChannelHandler> rtpHandler, Supplier<ChannelHandler> rtcpHandler,
              PairBinding then) {
        new Attempts(loop, rtpHandler, rtcpHandler, then).next();
    }

    int portsBound() {
        return portsBound.get();
    }

    private ChannelFuture bindOne(EventLoop loop, int port, ChannelHandler handler, PairRelease release) {
        ChannelFuture bound = template.clone(loop).handler(handler).bind(address, port);
        bound.addListener(new ChannelFutureListener() {
            @Override
            public void operationComplete(ChannelFuture future) {
                if (future.isSuccess()) {
                    portsBound.incrementAndGet();
                    release.opened();
                    future.channel().closeFuture().addListener(release);
                }
            }
        });
        return bound;
    }

    /** The tries of one pair: the next free pair after each one another process holds. */
    private final class Attempts {
        private final EventLoop loop;
        private final Supplier<ChannelHandler> rtpHandler;
        private final Supplier<ChannelHandler> rtcpHandler;
        private final PairBinding then;
        private int attempt;
        private Throwable lastFailure;

        Attempts(EventLoop loop, Supplier<ChannelHandler> rtpHandler, Supplier<ChannelHandler> rtcpHandler,
                 PairBinding then) {
            this.loop = loop;
            this.rtpHandler = rtpHandler;
            this.rtcpHandler = rtcpHandler;
            this.then = then;
        }

        void next() {
            int port = attempt++ < ports.pairCount() ? ports.acquire() : -1;
            if (port < 0) {
                then.failed(new MediaException("no free RTP ports in " + ports.describe(), lastFailure));
                return;
            }
            PairRelease release = new PairRelease(port);
            bindOne(loop, port, rtpHandler.get(), release).addListener(new ChannelFutureListener() {
                @Override
                public void operationComplete(ChannelFuture rtp) {
                    if (!rtp.isSuccess()) {
                        lastFailure = rtp.cause();
                        ports.release(port);
                        next();
                        return;
                    }
                    bindOne(loop, port + 1, rtcpHandler.get(), release).addListener(new ChannelFutureListener() {
                        @Override
                        public void operationComplete(ChannelFuture rtcp) {
                            if (!rtcp.isSuccess()) {
                                lastFailure = rtcp.cause();
                                // the pair goes back to the allocator once the RTP channel has closed
                                rtp.channel().close();
                                next();
                                return;
                            }
                            then.bound(new BoundPair(port, rtp.channel(), rtcp.channel()));
                        }
                    });
                }
            });
        }
    }

    /** Returns the pair to the allocator when the last of its bound channels has closed. */
    private final class PairRelease implements ChannelFutureListener {
        private final int port;
        private final AtomicInteger open = new AtomicInteger();

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
            }
        }
    }
}
