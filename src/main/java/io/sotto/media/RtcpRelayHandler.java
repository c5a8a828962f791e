package io.sotto.media;

import static io.sotto.media.SessionCounters.DROPPED_FOREIGN_SOURCE;
import static io.sotto.media.SessionCounters.DROPPED_MALFORMED;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;

import io.sotto.media.rtp.RtcpDescriptor;

/**
 * The RTCP port of one side (RTP port + 1): relays RTCP to the other side's RTCP port, unchanged
 * and not forked; a recording server's session only receives it. Buffer ownership as in
 * {@link DatagramRelayHandler}: releases what it receives.
 */
final class RtcpRelayHandler extends DatagramRelayHandler {

    private final MediaSession session;

    RtcpRelayHandler(DatagramEndpoint in, DatagramEndpoint out, SessionCounters counters, MediaSession session) {
        super(in, out, counters);
        this.session = session;
    }

    @Override
    void relay(InetSocketAddress sender, ByteBuf packet, int index, int length) {
        if (!RtcpDescriptor.isValid(packet, index, length)) {
            // RFC 3550 §A.2: a compound packet failing the header checks is discarded.
            counters.increment(DROPPED_MALFORMED);
            return;
        }
        if (!in.admit(sender)) {
            // As for RTP: only the latched peer's RTCP is relayed; anyone else's is dropped and counted.
            counters.increment(DROPPED_FOREIGN_SOURCE);
            return;
        }
        if (session.relays()) {
            counters.increment(out.send(packet));
        }
    }
}
