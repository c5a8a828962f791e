package io.sotto.media;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.agrona.collections.Long2ObjectHashMap;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import io.sotto.config.MediaConfig;
import io.sotto.fork.ForkWriter;

/**
 * The RTP/RTCP relay: anchors both legs of each call on Sotto's own ports ({@link MediaSession}),
 * latches each side's real address on its first packet (symmetric RTP), and forks RTP into the
 * recorder's ring.
 *
 * <p><b>Threads.</b> One Netty event loop per core ({@code sotto-media-N}, native epoll, NIO only
 * where epoll cannot load). A session's four channels are all registered on one loop, chosen
 * round-robin at {@link #open()}: relaying a packet is a read on one channel and a write on
 * another of the same thread, with no hand-off, lock or queue. A session's latches, counters and
 * handlers are touched only by its loop; the call thread reaches them through volatile fields
 * (remote addresses, fork key) and tasks submitted to the loop (re-latching, close). {@link #open()}
 * blocks until the ports are bound and must not be called on a media thread.
 *
 * <p><b>Buffers.</b> Netty reads each datagram into a pooled direct buffer. The receiving handler
 * owns it and releases it before returning; to relay, it retains the same buffer and writes it to
 * the opposite channel (no copy), which releases that reference once sent. Forking copies the
 * payload straight from the buffer's memory into the ring. Per packet the relay allocates nothing
 * once both sides are latched; the only object left is the envelope Netty's epoll transport wraps
 * every read in (4.1.x builds a {@code DatagramPacket} even for a connected channel).
 *
 * <p><b>Counters.</b> Each session counts on its loop in single-writer fields (opaque stores, no
 * atomic read-modify-write);
 * {@link #counters()} sums them with the totals of closed sessions.
 */
public final class MediaRelay implements AutoCloseable {
    private static final long SHUTDOWN_TIMEOUT_MILLIS = 5_000;

    private final ForkWriter fork;
    private final EventLoopGroup group;
    private final PortAllocator ports;
    private final DatagramPortBinder binder;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicInteger sessionsOpen = new AtomicInteger();
    /** Sessions whose counters are not yet folded into {@link #retired}; guards both. */
    private final Long2ObjectHashMap<MediaSession> sessions = new Long2ObjectHashMap<>();
    private final long[] retired = new long[SessionCounters.COUNT];
    private long nextSessionId;

    public MediaRelay(MediaConfig config, ForkWriter fork) {
        this(config, fork, MediaTransport.preferred());
    }

    MediaRelay(MediaConfig config, ForkWriter fork, MediaTransport transport) {
        InetAddress address = localAddress(config.address());
        this.fork = fork;
        this.ports = new PortAllocator(config.ports());
        this.group = transport.newGroup(Runtime.getRuntime().availableProcessors(), new MediaThreadFactory());
        this.binder = new DatagramPortBinder(address, ports, transport);
    }

    /**
     * Binds a session's four channels: RTP and RTCP facing the caller, RTP and RTCP facing the
     * callee, each pair on an even port and the odd port above it from {@code media.ports}.
     * Blocks until bound; call it off the media threads.
     *
     * @throws MediaException if no port pair is free ("no free RTP ports in 20000-29999") or the
     *                        relay is closed
     */
    public MediaSession open() throws MediaException {
        if (closed.get()) {
            throw new MediaException("media relay is closed");
        }
        if (onMediaThread()) {
            throw new IllegalStateException("MediaRelay.open() blocks: call it off the media threads");
        }
        EventLoop loop = group.next();
        MediaSession session = new MediaSession(this, newSessionId(), loop, fork);
        BoundPair caller = binder.bind(loop, session::callerRtpHandler, session::callerRtcpHandler);
        BoundPair callee;
        try {
            callee = binder.bind(loop, session::calleeRtpHandler, session::calleeRtcpHandler);
        } catch (MediaException e) {
            caller.closeAndAwait();
            throw e;
        }
        session.bound(caller, callee);
        synchronized (sessions) {
            if (!closed.get()) {
                sessions.put(session.id(), session);
                sessionsOpen.incrementAndGet();
                return session;
            }
        }
        caller.closeAndAwait();
        callee.closeAndAwait();
        throw new MediaException("media relay is closed");
    }

    /** UDP ports currently bound by sessions (four per open session). */
    public int portsInUse() {
        return binder.portsBound();
    }

    public int sessionsOpen() {
        return sessionsOpen.get();
    }

    public MediaCounters counters() {
        synchronized (sessions) {
            long[] totals = retired.clone();
            for (MediaSession session : sessions.values()) {
                session.counters().addTo(totals);
            }
            return SessionCounters.snapshot(totals);
        }
    }

    /** Closes every session, frees their ports and stops the event loops. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        List<MediaSession> open;
        synchronized (sessions) {
            open = new ArrayList<>(sessions.values());
        }
        boolean mayWait = !onMediaThread();
        for (MediaSession session : open) {
            session.beginClose();
        }
        if (mayWait) {
            for (MediaSession session : open) {
                session.awaitUnbound();
            }
        }
        Future<?> terminated = group.shutdownGracefully(0, SHUTDOWN_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
        if (mayWait) {
            terminated.awaitUninterruptibly(SHUTDOWN_TIMEOUT_MILLIS);
        }
    }

    /** True on one of this relay's event loop threads, where nothing may block. */
    boolean onMediaThread() {
        for (EventExecutor executor : group) {
            if (executor.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    void sessionClosed() {
        sessionsOpen.decrementAndGet();
    }

    /** Folds a closed session's counters into the totals, once its channels can count no more. */
    void retire(MediaSession session) {
        synchronized (sessions) {
            if (sessions.remove(session.id()) != null) {
                session.counters().addTo(retired);
            }
        }
    }

    int pairsAllocated() {
        return ports.pairsInUse();
    }

    private long newSessionId() {
        synchronized (sessions) {
            return nextSessionId++;
        }
    }

    private static InetAddress localAddress(String host) {
        InetAddress address;
        try {
            address = InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("media.address " + host + " does not resolve", e);
        }
        try {
            if (address.isAnyLocalAddress() || address.isLoopbackAddress()
                    || NetworkInterface.getByInetAddress(address) != null) {
                return address;
            }
        } catch (SocketException e) {
            throw new IllegalArgumentException("media.address " + host + ": " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("media.address " + host + " is not an address of this host");
    }
}
