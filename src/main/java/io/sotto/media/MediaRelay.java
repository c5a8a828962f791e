package io.sotto.media;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import org.agrona.collections.Long2ObjectHashMap;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;

import io.sotto.config.MediaConfig;
import io.sotto.fork.ForkWriter;
import io.sotto.metrics.CycleTimes;
import io.sotto.media.DatagramPortBinder.PairBinding;

/**
 * The RTP/RTCP relay: anchors both legs of each call on Sotto's own ports ({@link MediaSession}),
 * latches each side's real address on its first packet (symmetric RTP), and forks RTP into the
 * recorder's ring.
 *
 * <p><b>Threads.</b> One Netty event loop per core ({@code sotto-media-N}, native epoll, NIO only
 * where epoll cannot load). A session's four channels are all registered on one loop, chosen
 * round-robin at {@link #open}: relaying a packet is a read on one channel and a write on
 * another of the same thread, with no hand-off, lock or queue. A session's latches, counters and
 * handlers are touched only by its loop; the call thread reaches them through volatile fields
 * (remote addresses, fork key) and tasks it hands the loop without waiting for them (binding,
 * re-latching, closing). What the call thread must learn back (the session is bound, or no port
 * was free) comes as a completion on its own queue: see {@link #open}.
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
public final class MediaRelay implements MediaOpener, AutoCloseable {
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
    private final List<CycleTimes> loopLags;
    private final AtomicLong nextSessionId = new AtomicLong();
    private final SessionOwner owner = new SessionOwner() {
        @Override
        public void sessionClosed(MediaSession session) {
            sessionsOpen.decrementAndGet();
        }

        @Override
        public void retire(MediaSession session) {
            synchronized (sessions) {
                if (sessions.remove(session.id()) != null) {
                    session.counters().addTo(retired);
                }
            }
        }
    };

    public MediaRelay(MediaConfig config, ForkWriter fork) {
        this(config, fork, MediaTransport.preferred());
    }

    MediaRelay(MediaConfig config, ForkWriter fork, MediaTransport transport) {
        InetAddress address = localAddress(config.address());
        this.fork = fork;
        this.ports = new PortAllocator(config.ports());
        this.group = transport.newGroup(Runtime.getRuntime().availableProcessors(), new MediaThreadFactory());
        this.binder = new DatagramPortBinder(address, ports, transport);
        List<CycleTimes> lags = new ArrayList<>();
        for (EventExecutor loop : group) {
            CycleTimes lag = new CycleTimes("media-" + (lags.size() + 1));
            LoopLagProbe.start(loop, lag);
            lags.add(lag);
        }
        this.loopLags = List.copyOf(lags);
    }

    /** How late a task queued on each event loop runs ({@link LoopLagProbe}), one per loop. */
    public List<CycleTimes> loopLags() {
        return loopLags;
    }

    /**
     * Opens a session's four channels: RTP and RTCP facing the caller, RTP and RTCP facing the
     * callee, each pair on an even port and the odd port above it from {@code media.ports}.
     * Returns at once, from any thread: the binds go on on the session's event loop, and
     * {@code then} hears the outcome through {@code completions} (the asking thread's own queue,
     * such as the call conductor's), so that no thread waits for another.
     *
     * <p>It fails with "no free RTP ports in 20000-29999" when no pair is free, or "media relay is
     * closed".
     */
    @Override
    public void open(Executor completions, MediaOpening then) {
        if (closed.get()) {
            completions.execute(() -> then.failed(new MediaException("media relay is closed")));
            return;
        }
        EventLoop loop = group.next();
        MediaSession session = new MediaSession(owner, newSessionId(), loop, fork);
        binder.bind(loop, session::callerRtpHandler, session::callerRtcpHandler, new PairBinding() {
            @Override
            public void bound(BoundPair caller) {
                binder.bind(loop, session::calleeRtpHandler, session::calleeRtcpHandler, new PairBinding() {
                    @Override
                    public void bound(BoundPair callee) {
                        opened(session, caller, callee, completions, then);
                    }

                    @Override
                    public void failed(MediaException cause) {
                        caller.close();
                        completions.execute(() -> then.failed(cause));
                    }
                });
            }

            @Override
            public void failed(MediaException cause) {
                completions.execute(() -> then.failed(cause));
            }
        });
    }

    private void opened(MediaSession session, BoundPair caller, BoundPair callee, Executor completions,
                        MediaOpening then) {
        session.bound(caller, callee);
        synchronized (sessions) {
            if (!closed.get()) {
                sessions.put(session.id(), session);
                sessionsOpen.incrementAndGet();
                completions.execute(() -> then.opened(session));
                return;
            }
        }
        caller.close();
        callee.close();
        completions.execute(() -> then.failed(new MediaException("media relay is closed")));
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
            session.close();
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

    int pairsAllocated() {
        return ports.pairsInUse();
    }

    /** Lock-free: a scrape summing the counters under {@link #sessions}' lock never holds up an open. */
    private long newSessionId() {
        return nextSessionId.getAndIncrement();
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
