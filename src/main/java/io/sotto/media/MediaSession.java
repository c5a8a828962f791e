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
 * any thread and none waits: a change is a volatile write the next packet sees, and where the
 * sockets must follow (dropping a latch, closing) a task handed to the loop.
 *
 * <p>For callers: open one with {@link MediaRelay#open}; tell it where each side receives
 * ({@link #setCallerRemote}, {@link #setCalleeRemote}); fork its RTP to the recorder with
 * {@link #startFork} / {@link #stopFork}; {@link #close()} it when the call ends.
 */
public final class MediaSession implements AutoCloseable {
    /** The fork key that means "not recording"; not accepted by {@link #startFork(long)}. */
    static final long NOT_FORKING = Long.MIN_VALUE;
    private static final long CLOSE_TIMEOUT_MILLIS = 5_000;
    private static final int CHANNELS = 4;

    private final SessionOwner owner;
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
    private volatile ControlCodes callerControlCodes;
    private volatile ControlCodes calleeControlCodes;
    private volatile long callerToneCommand = TonePlayer.NO_TONE;
    private volatile long calleeToneCommand = TonePlayer.NO_TONE;
    private volatile boolean receiveOnly;

    private BoundPair caller;
    private BoundPair callee;

    MediaSession(SessionOwner owner, long id, EventLoop loop, ForkWriter fork) {
        this.owner = owner;
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
     * A different address resets the latch: the next packet sees the new peer, and the socket is
     * disconnected from the old one on the event loop shortly after.
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
     * key presses and reported to the {@link #dtmfListener}; they are relayed unchanged, but for
     * the control codes {@link #hideControlCodes} names.
     */
    public void setTelephoneEventPayloadTypes(int callerPayloadType, int calleePayloadType) {
        callerTelephoneEvent = callerPayloadType;
        calleeTelephoneEvent = calleePayloadType;
    }

    /** Who is told of key presses on either side; null: nobody. */
    public void dtmfListener(DtmfListener listener) {
        dtmfListener = listener;
    }

    /**
     * Hides {@code codes} keyed on the leg at {@code side} (0 caller, 1 callee) from the other leg:
     * from the next packet on, the RFC 4733 key presses that start or complete a code are not
     * relayed (docs/feedback.md). Null relays every key, as for a customer's leg.
     */
    public void hideControlCodes(int side, ControlCodes codes) {
        if (side == ForkDescriptor.CHANNEL_CALLER) {
            callerControlCodes = codes;
        } else {
            calleeControlCodes = codes;
        }
    }

    /**
     * Plays {@code tone} to the party on {@code side} (0 caller, 1 callee) only, over the audio
     * relayed to it from the next packet on; a tone still playing there is cut short. Returns at
     * once: one volatile write the media thread reads per packet. Only one thread (the call
     * thread) may call it.
     */
    public void playTone(int side, FeedbackTone tone) {
        if (side == ForkDescriptor.CHANNEL_CALLER) {
            callerToneCommand = TonePlayer.command(callerToneCommand, tone);
        } else {
            calleeToneCommand = TonePlayer.command(calleeToneCommand, tone);
        }
    }

    ControlCodes controlCodes(int side) {
        return side == ForkDescriptor.CHANNEL_CALLER ? callerControlCodes : calleeControlCodes;
    }

    long toneCommand(int side) {
        return side == ForkDescriptor.CHANNEL_CALLER ? callerToneCommand : calleeToneCommand;
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
     * Stops forking: from the next packet the event loop handles, no audio of this session enters
     * the ring. A packet the loop is forking at this very instant may still land after a control
     * record written next; the recorder applies a state change at the instant it carries, and
     * ignores audio of a session it has closed, so that packet never reaches a file it should not.
     */
    public void stopFork() {
        forkKey = NOT_FORKING;
    }

    /**
     * Unbinds all four ports. Idempotent, from any thread, returns at once; each port pair goes
     * back to the allocator once its channels have closed, never before.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        owner.sessionClosed(this);
        for (Channel channel : channels()) {
            channel.close();
        }
    }

    long forkKey() {
        return forkKey;
    }

    /** Whether RTP received from now on is forked to the recorder. */
    public boolean forking() {
        return forkKey != NOT_FORKING;
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

    /** Waits (bounded) until the ports are free: for the relay's shutdown, never the call thread. */
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

    /** Runs {@code task} on the session's event loop: inline if already there, else queued to it. */
    private void applyOnLoop(Runnable task) {
        if (closed.get()) {
            return;
        }
        if (loop.inEventLoop()) {
            task.run();
            return;
        }
        try {
            loop.execute(task);
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
                owner.retire(MediaSession.this);
                unbound.countDown();
            }
        };
        try {
            loop.execute(retire);
        } catch (RejectedExecutionException e) {
            retire.run();
        }
    }
}
