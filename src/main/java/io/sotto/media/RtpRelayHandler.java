package io.sotto.media;

import static io.sotto.media.SessionCounters.DROPPED_FOREIGN_SOURCE;
import static io.sotto.media.SessionCounters.DROPPED_MALFORMED;

import java.net.InetSocketAddress;

import io.netty.buffer.ByteBuf;

import io.sotto.media.rtp.RtcpDescriptor;
import io.sotto.media.rtp.RtpDescriptor;
import io.sotto.media.rtp.TelephoneEventDescriptor;

/**
 * The RTP port of one side: relays RTP to the other side's RTP port and forks it while the session
 * records; a recording server's session ({@link MediaSession#receiveOnly()}) only forks. RTCP
 * multiplexed on this port (RFC 5761) is relayed the same way but not forked. An agent's control
 * codes are not relayed, and a feedback tone for the other side is written over the packets going
 * there after the fork (docs/feedback.md).
 * Buffer ownership as in {@link DatagramRelayHandler}: releases what it receives.
 */
final class RtpRelayHandler extends DatagramRelayHandler {
    private final MediaSession session;
    private final AudioForker forker;
    private final int side;
    private final TelephoneEventDetector events;
    private final ControlCodeHider hider = new ControlCodeHider();
    private final TonePlayer tones = new TonePlayer();

    RtpRelayHandler(DatagramEndpoint in, DatagramEndpoint out, SessionCounters counters,
                    MediaSession session, AudioForker forker, int side) {
        super(in, out, counters);
        this.session = session;
        this.forker = forker;
        this.side = side;
        this.events = new TelephoneEventDetector(side);
    }

    @Override
    void relay(InetSocketAddress sender, ByteBuf packet, int index, int length) {
        // Arrival, before any work on the packet: the recorder anchors a stream on its first packet's
        // arrival, and the first packets meet cold code (class loading, the interpreter).
        long now = System.nanoTime();
        if (RtpDescriptor.isRtcp(packet, index, length)) {
            // RFC 3550 §A.2 header checks; RFC 5761 §4 told it apart from RTP.
            if (!RtcpDescriptor.isValid(packet, index, length)) {
                counters.increment(DROPPED_MALFORMED);
                return;
            }
            if (!in.admit(sender)) {
                counters.increment(DROPPED_FOREIGN_SOURCE);
                return;
            }
            if (session.relays()) {
                counters.increment(out.send(packet));
            }
            return;
        }
        int payloadLength = RtpDescriptor.payloadLength(packet, index, length);
        if (payloadLength == RtpDescriptor.INVALID) {
            // RFC 3550 §A.1: a packet failing the header validity checks is discarded.
            counters.increment(DROPPED_MALFORMED);
            return;
        }
        if (!in.admit(sender)) {
            // RTP from an address other than the side's (latched) peer is dropped and counted (README,
            // "What Sotto does with a call"): no one else may inject audio into a call.
            counters.increment(DROPPED_FOREIGN_SOURCE);
            return;
        }
        int telephoneEvent = session.telephoneEventPayloadType(side);
        boolean startsPress = events.inspect(packet, index, payloadLength, telephoneEvent, session.dtmfListener(), now);
        long forkKey = session.forkKey();
        if (forkKey != MediaSession.NOT_FORKING) {
            // Forked before it is sent, so a packet seen on the far side is already in the ring.
            counters.increment(forker.offer(forkKey, packet, index, payloadLength, now));
        }
        if (!session.relays()) {
            return;
        }
        if (TelephoneEventDetector.isEvent(packet, index, payloadLength, telephoneEvent)
                && hider.hides(session.controlCodes(side), startsPress,
                        TelephoneEventDescriptor.event(packet, index + RtpDescriptor.payloadOffset(packet, index)), now)) {
            // An agent's control code: the far party never hears it (docs/feedback.md).
            return;
        }
        // After the fork, so the recording keeps the real audio and only this side's far end hears the tone.
        tones.overwrite(session.toneCommand(1 - side), packet, index, payloadLength, now);
        counters.increment(out.send(packet));
    }
}
