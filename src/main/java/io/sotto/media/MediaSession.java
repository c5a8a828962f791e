package io.sotto.media;

import java.net.InetSocketAddress;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.EventLoop;

import io.sotto.fork.ForkDescriptor;
import io.sotto.fork.ForkWriter;

/**
 * The media of one call: four UDP ports on Sotto's address, an RTP/RTCP pair facing the caller and
 * one facing the callee, relaying each side's packets to the other and forking RTP while recording.
 *
 * <p>All four channels run on one event loop, so the relay between them never crosses threads and
 * the session's latches and counters have a single writer. The methods here may be called from
 * any thread; those that wait for the event loop to apply a change do so only when called off the
 * media threads, for at most a second.
 */
public final class MediaSession implements AutoCloseable {
    /** The fork key that means "not recording"; not accepted by {@link #startFork(long)}. */
    static final long NOT_FORKING = Long.MIN_VALUE;
    private static final long APPLY_TIMEOUT_MILLIS = 1_000;
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;
    private static final int CHANNELS = 4;

    private final MediaRelay relay;
    private final long id;
    private final EventLoop loop;
    private final ForkWriter fork;
    private final SessionCounters counters = new SessionCounters();
    private final DatagramEndpoint callerRtp = new DatagramEndpoint(counters);
    private final DatagramEndpoint callerRtcp = new DatagramEndpoint(counters);
    private final DatagramEndpoint calleeRtp = new DatagramEndpoint(counters);
    private final DatagramEndpoint calleeRtcp = new DatagramEndpoint(counters);
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger channelsOpen = new AtomicInteger(CHANNELS);
    private final CountDownLatch unbound = new CountDownLatch(1);
    private volatile long forkKey = NOT_FORKING;
    private volatile int callerTelephoneEvent = -1;
    private volatile int calleeTelephoneEvent = -1;
    private volatile DtmfListener dtmfListener;
    private volatile boolean receiveOnly;

    private BoundPair caller;
    private BoundPair callee;

    MediaSession(MediaRelay relay, long id, EventLoop loop, ForkWriter fork) {
        this.relay = relay;
        this.id = id;
        this.loop = loop;
        this.fork = fork;
    }

    /** The RTP port Sotto puts in the SDP it sends to the caller; RTCP is on the port above. */
    public int callerFacingPort() {
        return caller.rtpPort();
    }

    /** The RTP port Sotto puts in the SDP it sends to the callee; RTCP is on the port above. */
    public int calleeFacingPort() {
        return callee.rtpPort();
    }

    /**
     * The caller's media address from its SDP (c= and m= lines). Packets are accepted only from
     * its IP, and sent to it until the caller's first packet latches the address really used.
     * Null or port 0: nothing is sent to the caller. IP 0.0.0.0: on hold, nothing is sent.
     * A different address resets the latch. When this returns (off the media threads) the change
     * is in effect on the sockets.
     *
     * @throws IllegalArgumentException if the address is unresolved
     */
    public void setCallerRemote(InetSocketAddress sdpAddress) {
        setRemote(callerRtp, callerRtcp, sdpAddress);
    }

    /** As {@link #setCallerRemote}, for the callee. */
    public void setCalleeRemote(InetSocketAddress sdpAddress) {
        setRemote(calleeRtp, calleeRtcp, sdpAddress);
    }

    /**
     * The RFC 4733 payload type each side sends key presses with (-1: none negotiated), from the
     * latest offer/answer. From the next packet on, a side's packets of that type are read as
     * key presses and reported to the {@link #dtmfListener}; they are relayed unchanged.
     */
    public void setTelephoneEventPayloadTypes(int callerPayloadType, int calleePayloadType) {
        callerTelephoneEvent = callerPayloadType;
        calleeTelephoneEvent = calleePayloadType;
    }

    /** Who is told of key presses on either side; null: nobody. */
    public void dtmfListener(DtmfListener listener) {
        dtmfListener = listener;
    }

    int telephoneEventPayloadType(int side) {
        return side == ForkDescriptor.CHANNEL_CALLER ? callerTelephoneEvent : calleeTelephoneEvent;
    }

    DtmfListener dtmfListener() {
        return dtmfListener;
    }

    /**
     * Makes this a recording server's session (SIPREC, RFC 7866): each side's port pair receives one
     * stream from the recording client, latched and forked as usual, and nothing is sent out of any
     * port. Call before the client's first packet can arrive (before its offer is answered).
     */
    public void receiveOnly() {
        receiveOnly = true;
    }

    /** False for a recording server's session, which only receives. */
    boolean relays() {
        return !receiveOnly;
    }

    /** From the next packet on, RTP received from either side is forked under {@code sessionKey}. */
    public void startFork(long sessionKey) {
        if (sessionKey == NOT_FORKING) {
            throw new IllegalArgumentException("session key " + sessionKey + " is reserved");
        }
        forkKey = sessionKey;
    }

    /**
     * Stops forking. When this returns (off the media threads) no more audio of this session
     * enters the ring, so a control record written next comes after all of it.
     */
    public void stopFork() {
        forkKey = NOT_FORKING;
        applyOnLoop(NO_OP);
    }

    /**
     * Unbinds all four ports and gives them back. Idempotent, from any thread; off the media
     * threads it returns once the ports are free.
     */
    @Override
    public void close() {
        if (beginClose() && !relay.onMediaThread()) {
            awaitUnbound();
        }
    }

    long forkKey() {
        return forkKey;
    }

    long id() {
        return id;
    }

    EventLoop loop() {
        return loop;
    }

    SessionCounters counters() {
        return counters;
    }

    ChannelHandler callerRtpHandler() {
        return new RtpRelayHandler(callerRtp, calleeRtp, counters, this,
                new AudioForker(fork, ForkDescriptor.CHANNEL_CALLER), ForkDescriptor.CHANNEL_CALLER);
    }

    ChannelHandler callerRtcpHandler() {
        return new RtcpRelayHandler(callerRtcp, calleeRtcp, counters, this);
    }

    ChannelHandler calleeRtpHandler() {
        return new RtpRelayHandler(calleeRtp, callerRtp, counters, this,
                new AudioForker(fork, ForkDescriptor.CHANNEL_CALLEE), ForkDescriptor.CHANNEL_CALLEE);
    }

    ChannelHandler calleeRtcpHandler() {
        return new RtcpRelayHandler(calleeRtcp, callerRtcp, counters, this);
    }

    /** Called once by the relay before the session is handed out. */
    void bound(BoundPair caller, BoundPair callee) {
        this.caller = caller;
        this.callee = callee;
        ChannelFutureListener onChannelClosed = new ChannelFutureListener() {
            @Override
            public void operationComplete(ChannelFuture future) {
                if (channelsOpen.decrementAndGet() == 0) {
                    retireAfterClose();
                }
            }
        };
        for (Channel channel : channels()) {
            channel.closeFuture().addListener(onChannelClosed);
        }
    }

    /** @return true if this call closed the session, false if it was already closed */
    boolean beginClose() {
        if (!closed.compareAndSet(false, true)) {
            return false;
        }
        relay.sessionClosed();
        for (Channel channel : channels()) {
            channel.close();
        }
        return true;
    }

    void awaitUnbound() {
        try {
            unbound.await(CLOSE_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Channel[] channels() {
        return new Channel[] {caller.rtp(), caller.rtcp(), callee.rtp(), callee.rtcp()};
    }

    private void setRemote(DatagramEndpoint rtp, DatagramEndpoint rtcp, InetSocketAddress sdpAddress) {
        rtp.peer(RemotePeer.fromSdp(sdpAddress, 0, rtp.peer()));
        rtcp.peer(RemotePeer.fromSdp(sdpAddress, 1, rtcp.peer()));
        applyOnLoop(new Runnable() {
            @Override
            public void run() {
                rtp.refresh();
                rtcp.refresh();
            }
        });
    }

    /**
     * Runs {@code task} on the session's event loop: inline if already there, and waits for it
     * (bounded) if called off the media threads. Every packet handled after it has run sees the
     * state set before it was submitted.
     */
    private void applyOnLoop(Runnable task) {
        if (closed.get()) {
            return;
        }
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            if (relay.onMediaThread()) {
                loop.execute(task);
            } else {
                loop.submit(task).awaitUninterruptibly(APPLY_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
            }
        } catch (RejectedExecutionException e) {
            // The relay is shutting down: the channels are closing and nothing is left to apply.
        }
    }

    /**
     * Folds the counters into the relay's totals after any last event of the closing channels
     * (Netty may still report failed writes right after a channel closes).
     */
    private void retireAfterClose() {
        Runnable retire = new Runnable() {
            @Override
            public void run() {
                relay.retire(MediaSession.this);
                unbound.countDown();
            }
        };
        try {
            loop.execute(retire);
        } catch (RejectedExecutionException e) {
            retire.run();
        }
    }

    private static final Runnable NO_OP = new Runnable() {
        @Override
        public void run() {
        }
    };
}
