package io.sotto.media;

import static io.sotto.media.SessionCounters.DROPPED_CONGESTED;
import static io.sotto.media.SessionCounters.DROPPED_NO_DESTINATION;
import static io.sotto.media.SessionCounters.ERRORS;
import static io.sotto.media.SessionCounters.RELAYED;

import java.net.InetAddress;
import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;
import io.netty.channel.Channel;
import io.netty.channel.socket.DatagramPacket;

/**
 * One bound UDP port of a session, facing one remote, with its symmetric-RTP latch (README, "What
 * Sotto does with a call"): the first packet from the expected IP fixes the address (IP and port as
 * seen, so NAT rewrites are followed) that this port accepts from and sends to.
 *
 * <p>Threading: {@link #peer(RemotePeer)} may be called from any thread; everything else runs on
 * the session's event loop, which alone owns the latch and the channel.
 *
 * <p>Latching connects the channel to the latched address. From then on the kernel drops datagrams
 * from any other source before the relay sees them (so those drops cannot be counted), Netty reads
 * without building a sender address per packet, and writes go out as plain buffers. Before the
 * latch each write is addressed, which costs a {@link DatagramPacket} envelope per packet: that is
 * tolerated only until the remote's first packet arrives.
 */
final class DatagramEndpoint {
    private final SessionCounters counters;
    private volatile RemotePeer peer = RemotePeer.NONE;

    private Channel channel;
    private RemotePeer latchedFor;
    private InetSocketAddress latched;
    private boolean connected;
    private boolean flushPending;

    DatagramEndpoint(SessionCounters counters) {
        this.counters = counters;
    }

    /** On the event loop, when the channel's handler is added. */
    void attach(Channel channel) {
        this.channel = channel;
    }

    RemotePeer peer() {
        return peer;
    }

    /** From any thread. A different peer resets the latch; the same one again keeps it. */
    void peer(RemotePeer next) {
        if (!next.equals(peer)) {
            peer = next;
        }
    }

    /** Forgets a latch made for a peer that has since changed, and disconnects the socket. */
    void refresh() {
        if (latched != null && peer != latchedFor) {
            unlatch();
        }
    }

    /**
     * Whether a packet from {@code sender} is from this side's remote; latches on the first one
     * from the expected IP. Allocation-free except when it latches.
     */
    boolean admit(InetSocketAddress sender) {
        RemotePeer current = peer;
        if (latched != null) {
            if (current == latchedFor) {
                return sender == latched || latched.equals(sender);
            }
            unlatch();
        }
        InetAddress expected = current.expectedSource();
        if (expected == null || sender == null || !expected.equals(sender.getAddress())) {
            return false;
        }
        latch(sender, current);
        return true;
    }

    /**
     * Writes {@code packet} (retained: the write owns that reference) towards this side's remote,
     * unflushed until {@link #flush()}.
     *
     * @return the {@link SessionCounters} counter the outcome belongs to
     */
    int send(ByteBuf packet) {
        RemotePeer current = peer;
        if (latched != null && current != latchedFor) {
            unlatch();
        }
        Channel out = channel;
        if (!current.sends() || out == null) {
            return DROPPED_NO_DESTINATION;
        }
        if (!out.isWritable()) {
            return out.isOpen() ? DROPPED_CONGESTED : DROPPED_NO_DESTINATION;
        }
        if (connected) {
            out.write(packet.retain(), out.voidPromise());
        } else {
            InetSocketAddress recipient = latched != null ? latched : current.destination();
            out.write(new DatagramPacket(packet.retain(), recipient), out.voidPromise());
        }
        flushPending = true;
        return RELAYED;
    }

    /** Sends what {@link #send} queued during one read batch with as few syscalls as Netty can. */
    void flush() {
        if (flushPending) {
            flushPending = false;
            channel.flush();
        }
    }

    private void latch(InetSocketAddress sender, RemotePeer current) {
        latchedFor = current;
        latched = sender;
        // On the channel's own event loop a UDP connect completes before connect() returns.
        connected = channel.connect(sender).isSuccess();
        if (connected) {
            // The very object Netty stamps on each connected read, so admit() matches by reference.
            InetSocketAddress remote = (InetSocketAddress) channel.remoteAddress();
            if (remote != null) {
                latched = remote;
            }
        } else {
            counters.increment(ERRORS);
        }
    }

    /**
     * Packets Netty already reads in the current batch of this channel after a disconnect carry
     * no sender and are dropped as foreign: at most one batch, only when a remote changes.
     */
    private void unlatch() {
        latched = null;
        latchedFor = null;
        if (connected) {
            connected = false;
            channel.disconnect();
        }
    }
}
